namespace Engraver.Core.Identity;

/// <summary>Allowed length of one identity field, in characters, both ends included.</summary>
public readonly record struct LengthRange(int Min, int Max)
{
    public bool Contains(int length) => length >= Min && length <= Max;

    public override string ToString() => Min == Max ? $"{Min}" : $"{Min} to {Max}";
}

/// <summary>How long each identity field may be. The defaults fit a 1.6 mm tip at the default
/// character height for typical identities; the layout still refuses a line that does not fit.</summary>
public sealed record IdentityRules
{
    public static IdentityRules Default { get; } = new();

    public LengthRange Make { get; init; } = new(1, 8);

    public LengthRange Model { get; init; } = new(1, 8);

    public LengthRange Serial { get; init; } = new(1, 12);

    public LengthRange For(IdentityField field) => field switch
    {
        IdentityField.Make => Make,
        IdentityField.Model => Model,
        IdentityField.Serial => Serial,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown identity field."),
    };
}
