using System.Text;
using Engraver.Core.Identity;
using Engraver.Core.Input;
using Engraver.Core.Jobs;

namespace Engraver.Core.Tests.Jobs;

/// <summary>Job files at the door: free text checked in every field, strict UTF-8, a size limit.</summary>
public sealed class JobFileInputTests
{
    private static readonly JobFileRules Rules = new(new IdentityValidator(), new HashSet<string>(StringComparer.Ordinal) { "default" });

    [Fact]
    public void Csv_pin_lot_with_a_nul_is_refused_naming_file_line_and_field()
    {
        var csv = "make,model,pin_lot,recipe,serials\nACME,P10,LOT\0-7,default,A1\n";

        var result = JobFileParser.Parse("batch.csv", csv, Rules);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("batch.csv", 2, "pin_lot"), (error.File, error.Line, error.Field));
        Assert.Contains("NUL character U+0000 at character 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_pin_lot_with_an_escape_sequence_is_refused_and_not_echoed()
    {
        const string json = """
            { "make": "ACME", "model": "P10",
              "pinLot": "LOT-\u001b]8;;http://x\u0007", "recipe": "default", "serials": ["A1"] }
            """;

        var result = JobFileParser.Parse("batch.json", json, Rules);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "pinLot"), (error.Line, error.Field));
        Assert.DoesNotContain('\u001B', error.ToString());
        Assert.Contains("U+001B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_free_text_field_is_checked_in_csv()
    {
        var csv = "make,model,pin_lot,recipe,serials\nAC\u0007ME,P1\u001B0,LOT,def\u007Fault,A\u00851\n";

        var result = JobFileParser.Parse("batch.csv", csv, Rules);

        Assert.Equal(["make", "model", "recipe", "serials"], result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pin_lot_longer_than_its_limit_is_refused()
    {
        var csv = $"make,model,pin_lot,recipe,serials\nACME,P10,{new string('L', InputLimits.MaxPinLotLength + 1)},default,A1\n";

        var error = Assert.Single(JobFileParser.Parse("batch.csv", csv, Rules).Errors);

        Assert.Equal("pin_lot", error.Field);
        Assert.Contains("at most 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_its_byte_offset_and_line_not_replaced()
    {
        var bytes = Encoding.UTF8.GetBytes("make,model,pin_lot,recipe,serials\nACME,P10,LOT").Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes(",default,A1\n")).ToArray();

        var error = Assert.Single(JobFileParser.Parse("batch.csv", bytes, Rules).Errors);

        Assert.Equal((2, "file"), (error.Line, error.Field));
        Assert.Contains("byte offset 46", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_over_the_limit_is_refused_naming_the_limit()
    {
        var bytes = new byte[InputLimits.MaxJobFileBytes + 1];

        var error = Assert.Single(JobFileParser.Parse("huge.csv", bytes, Rules).Errors);

        Assert.Equal("huge.csv", error.File);
        Assert.Contains("16777216 bytes (16 MiB)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_file_as_bytes_with_a_byte_order_mark_reads_as_before()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("make,model,pin_lot,recipe,serials\nACME,P10,Lot é,default,A1-A3\n")).ToArray();

        var result = JobFileParser.Parse("batch.csv", bytes, Rules);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("Lot é", result.Job!.PinLot);
    }
}
