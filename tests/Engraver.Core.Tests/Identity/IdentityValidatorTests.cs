using Engraver.Core.Identity;

namespace Engraver.Core.Tests.Identity;

public sealed class IdentityValidatorTests
{
    private readonly IdentityValidator _validator = new();

    [Fact]
    public void Valid_fields_build_the_identity()
    {
        var identity = _validator.Validate("ACME", "M-17", "AB12345");

        Assert.Equal(new MicrostampIdentity("ACME", "M-17", "AB12345"), identity);
    }

    [Theory]
    [InlineData("AB$12", 3, "'$'")]
    [InlineData("AB\n12", 3, "U+000A")]
    [InlineData("ABé12", 3, "U+00E9")]
    [InlineData("AB 12", 3, "U+0020")]
    [InlineData("ab123", 1, "'a'")]
    [InlineData("A😀1", 2, "U+1F600")]
    public void Serial_with_a_character_the_font_cannot_draw_is_refused_naming_field_position_and_character(
        string serial, int position, string shown)
    {
        var error = Assert.Throws<InvalidIdentityException>(() => _validator.Validate("ACME", "M17", serial));

        var problem = Assert.Single(error.Problems, p => p.Position == position);
        Assert.Equal(IdentityField.Serial, problem.Field);
        Assert.Contains($"Serial has {shown} at position {position}", problem.Message, StringComparison.Ordinal);
        Assert.Contains(problem.Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newline_never_appears_raw_in_the_message()
    {
        var error = Assert.Throws<InvalidIdentityException>(() => _validator.Validate("ACME", "M17\nM5", "A1"));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("Model has U+000A at position 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lower_case_is_refused_with_a_hint()
    {
        var error = Assert.Throws<InvalidIdentityException>(() => _validator.Validate("acme", "M17", "A1"));

        Assert.Equal(4, error.Problems.Count);
        Assert.All(error.Problems, p => Assert.Equal(IdentityField.Make, p.Field));
        Assert.Contains("(only upper case is engraved)", error.Problems[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "M17", "A1", IdentityField.Make, "Make is empty")]
    [InlineData("ACME", null, "A1", IdentityField.Model, "Model is empty")]
    [InlineData("ACME", "M17", "", IdentityField.Serial, "Serial is empty")]
    [InlineData("ACMEACMEA", "M17", "A1", IdentityField.Make, "Make is 9 character(s) long; it must be 1 to 8")]
    [InlineData("ACME", "M17", "ABCDEFGHIJKLM", IdentityField.Serial, "Serial is 13 character(s) long; it must be 1 to 12")]
    public void Empty_and_over_long_fields_are_refused_naming_the_field(
        string? make, string? model, string? serial, IdentityField field, string expected)
    {
        var error = Assert.Throws<InvalidIdentityException>(() => _validator.Validate(make, model, serial));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Null(problem.Position);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_lists_every_problem_of_every_field()
    {
        var ok = _validator.TryValidate("A$", "", "12345678901234", out var identity, out var problems);

        Assert.False(ok);
        Assert.Null(identity);
        Assert.Equal(
            [(IdentityField.Make, (int?)2), (IdentityField.Model, null), (IdentityField.Serial, null)],
            problems.Select(p => (p.Field, p.Position)));
    }

    [Fact]
    public void TryValidate_returns_the_identity_when_there_is_no_problem()
    {
        var ok = _validator.TryValidate("ACME", "M17", "A1", out var identity, out var problems);

        Assert.True(ok);
        Assert.Equal("A1", identity!.Serial);
        Assert.Empty(problems);
    }

    [Fact]
    public void Allowed_lengths_come_from_the_rules()
    {
        var validator = new IdentityValidator(
            Engraver.Core.Glyphs.StrokeFont.Microstamp,
            IdentityRules.Default with { Serial = new LengthRange(6, 6) });

        Assert.True(validator.TryValidate("A", "B", "123456", out _, out _));
        var error = Assert.Throws<InvalidIdentityException>(() => validator.Validate("A", "B", "12345"));
        Assert.Contains("Serial is 5 character(s) long; it must be 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_of_a_long_garbage_serial_stays_bounded()
    {
        var error = Assert.Throws<InvalidIdentityException>(() => _validator.Validate("A", "B", new string('$', 500)));

        Assert.Equal(501, error.Problems.Count);
        Assert.Contains("and 491 more", error.Message, StringComparison.Ordinal);
    }
}
