using Engraver.Core.Input;

namespace Engraver.Core.Tests.Input;

public sealed class FreeTextTests
{
    [Theory]
    [InlineData("LOT\0-7", "NUL character U+0000 at character 4")]
    [InlineData("LOT-\u001B[31m7", "ESC character U+001B at character 5")]
    [InlineData("\aLOT", "BEL character U+0007 at character 1")]
    [InlineData("LOT\u007F", "DEL character U+007F at character 4")]
    [InlineData("LOT\u009B", "control character U+009B at character 4")]
    [InlineData("LOT\t7", "tab U+0009 at character 4")]
    [InlineData("LOT\n7", "line break U+000A at character 4")]
    [InlineData("LOT\u202E7", "bidirectional control U+202E at character 4")]
    public void Single_line_field_refuses_what_is_not_printable_naming_the_character_and_where(string text, string expected)
    {
        var problem = FreeText.Problem(text, TextField.PinLot());

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogate_is_refused_as_not_unicode()
    {
        // Built in code: an attribute argument cannot carry a lone surrogate.
        var text = "LOT" + '\ud800' + "7";

        Assert.Contains("lone UTF-16 surrogate U+D800 at character 4", FreeText.Problem(text, TextField.PinLot()), StringComparison.Ordinal);
        Assert.NotNull(FreeText.Problem(text, TextField.Note()));
    }

    [Fact]
    public void Note_may_span_lines_and_hold_tabs_but_no_other_control_character()
    {
        Assert.Null(FreeText.Problem("scratch on the face\n\tmark readable", TextField.Note()));
        Assert.Contains("U+000D", FreeText.Problem("scratch\r\nmark", TextField.Note()), StringComparison.Ordinal);
        Assert.Contains("U+0000", FreeText.Problem("ok\0", TextField.Note()), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_field_has_its_length_limit()
    {
        Assert.Null(FreeText.Problem(new string('L', InputLimits.MaxPinLotLength), TextField.PinLot()));
        Assert.Equal("is 65 characters long; at most 64 are allowed", FreeText.Problem(new string('L', 65), TextField.PinLot()));
        Assert.Null(FreeText.Problem(new string('n', InputLimits.MaxNoteLength), TextField.Note()));
        Assert.NotNull(FreeText.Problem(new string('n', InputLimits.MaxNoteLength + 1), TextField.Note()));
        Assert.NotNull(FreeText.Problem(new string('L', 20 * 1024 * 1024), TextField.PinLot()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_text_is_refused(string? text) => Assert.Equal("is empty", FreeText.Problem(text, TextField.User()));

    [Fact]
    public void Printable_unicode_and_paired_surrogates_pass()
    {
        Assert.Null(FreeText.Problem("Lot é € 中 😀 =HYPERLINK", TextField.PinLot()));
    }

    [Fact]
    public void Require_names_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => FreeText.Require("a\u001Bb", TextField.User("--user")));

        Assert.StartsWith("--user holds the ESC character U+001B at character 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_never_echoes_a_refused_character_raw()
    {
        Assert.Equal("A\\u001B[31mB\\u0000", FreeText.Quote("A\u001B[31mB\0"));
        Assert.Equal(new string('x', 80) + "...", FreeText.Quote(new string('x', 100)));
    }

    [Fact]
    public void Strict_utf8_decoding_gives_the_offset_of_the_first_invalid_byte()
    {
        byte[] bytes = [(byte)'o', (byte)'k', 0xC3, 0xA9, (byte)'\n', 0xFF, (byte)'x'];

        Assert.Null(FreeText.DecodeUtf8(bytes, out var at));
        Assert.Equal(5, at);
        Assert.Equal("oké", FreeText.DecodeUtf8([0xEF, 0xBB, 0xBF, (byte)'o', (byte)'k', 0xC3, 0xA9], out _));
        Assert.Null(FreeText.DecodeUtf8([0xED, 0xA0, 0x80], out var surrogate));
        Assert.Equal(0, surrogate);
    }
}
