using System.Diagnostics.CodeAnalysis;
using System.Text;
using Engraver.Core.Glyphs;

namespace Engraver.Core.Identity;

/// <summary>The only way from outside text to a <see cref="MicrostampIdentity"/>: every character must
/// be one the font can draw, so a serial stays data and can never turn into G-code.</summary>
public sealed class IdentityValidator
{
    private readonly StrokeFont _font;
    private readonly IdentityRules _rules;

    public IdentityValidator()
        : this(StrokeFont.Microstamp, IdentityRules.Default)
    {
    }

    public IdentityValidator(StrokeFont font, IdentityRules rules)
    {
        ArgumentNullException.ThrowIfNull(font);
        ArgumentNullException.ThrowIfNull(rules);
        _font = font;
        _rules = rules;
    }

    /// <exception cref="InvalidIdentityException">Any field is empty, too long or holds a character the font cannot draw.</exception>
    public MicrostampIdentity Validate(string? make, string? model, string? serial) =>
        TryValidate(make, model, serial, out var identity, out var problems)
            ? identity
            : throw new InvalidIdentityException(problems);

    public bool TryValidate(
        string? make,
        string? model,
        string? serial,
        [NotNullWhen(true)] out MicrostampIdentity? identity,
        out IReadOnlyList<IdentityProblem> problems)
    {
        var found = new List<IdentityProblem>();
        Check(IdentityField.Make, make, found);
        Check(IdentityField.Model, model, found);
        Check(IdentityField.Serial, serial, found);
        problems = found;
        identity = found.Count == 0 ? new MicrostampIdentity(make!, model!, serial!) : null;
        return identity is not null;
    }

    private void Check(IdentityField field, string? value, List<IdentityProblem> problems)
    {
        var range = _rules.For(field);
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(new IdentityProblem(field, null, $"{field} is empty; it needs {range} character(s)"));
            return;
        }

        var position = 0;
        var index = 0;
        while (index < value.Length)
        {
            position++;
            var status = Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var consumed);
            var shown = status == System.Buffers.OperationStatus.Done ? CharacterDisplay.Describe(rune) : CharacterDisplay.Describe(value[index]);
            if (status != System.Buffers.OperationStatus.Done || !rune.IsBmp || !_font.Supports((char)rune.Value))
            {
                problems.Add(new IdentityProblem(field, position, $"{field} has {shown} at position {position}, which the microstamp font cannot draw{Hint(rune)}"));
            }

            index += Math.Max(consumed, 1);
        }

        if (!range.Contains(position))
        {
            problems.Add(new IdentityProblem(field, null, $"{field} is {position} character(s) long; it must be {range}"));
        }
    }

    private string Hint(Rune rune) =>
        Rune.IsLower(rune) && rune.IsAscii && _font.Supports(char.ToUpperInvariant((char)rune.Value))
            ? " (only upper case is engraved)"
            : string.Empty;
}
