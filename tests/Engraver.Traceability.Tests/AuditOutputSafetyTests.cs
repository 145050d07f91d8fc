using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>Record text on a terminal and in spreadsheets, and evidence re-hashing.</summary>
public sealed class AuditOutputSafetyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("plain text Ωmega", "plain text Ωmega")]
    [InlineData("red\u001b[31m", "red\\u001B[31m")]
    [InlineData("a\rb\u0007", "a\\u000Db\\u0007")]
    [InlineData("back\\slash\u009b", "back\\\\slash\\u009B")]
    [InlineData("rtl\u202Eevil", "rtl\\u202Eevil")]
    public void Terminal_text_escapes_control_characters(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(text));

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tx")]
    [InlineData("\rx")]
    public async Task Csv_cell_that_a_spreadsheet_would_run_gets_a_leading_apostrophe_and_json_stays_exact(string text)
    {
        var record = SampleRecords.Full with { Operator = text };
        var row = new StoredPinRecord(1, record, RecordHasher.GenesisPreviousHash, RecordHasher.Instance.ComputeHash(RecordHasher.GenesisPreviousHash, record));

        var writer = new StringWriter();
        await RecordExport.WriteCsvAsync(Rows(row), writer, None);
        using var json = new MemoryStream();
        await RecordExport.WriteJsonAsync(Rows(row), json, None);

        var cells = writer.ToString().Split("\r\n")[1];
        Assert.True(cells.Contains(",'" + text + ",", StringComparison.Ordinal) || cells.Contains(",\"'" + text + "\",", StringComparison.Ordinal), cells);
        Assert.Equal(text, JsonDocument.Parse(json.ToArray()).RootElement[0].GetProperty("operator").GetString());
    }

    [Fact]
    public async Task Csv_leaves_negative_numbers_as_numbers()
    {
        var record = SampleRecords.Full with { StrayMark = -0.5 };
        var row = new StoredPinRecord(1, record, RecordHasher.GenesisPreviousHash, RecordHasher.Instance.ComputeHash(RecordHasher.GenesisPreviousHash, record));
        var writer = new StringWriter();

        await RecordExport.WriteCsvAsync(Rows(row), writer, None);

        Assert.Contains(",-0.5,", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_is_re_hashed_and_missing_or_changed_files_are_named_while_records_without_evidence_pass()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "evidence"));
        var rows = new List<StoredPinRecord>();
        foreach (var serial in new[] { "SN-1", "SN-2", "SN-3" })
        {
            var content = Encoding.UTF8.GetBytes("picture " + serial);
            await File.WriteAllBytesAsync(Path.Combine(folder.Path, "evidence", serial + ".png"), content);
            var record = SampleRecords.Verified(serial) with { EvidencePath = $"evidence/{serial}.png", EvidenceSha256 = Convert.ToHexStringLower(SHA256.HashData(content)) };
            rows.Add(new StoredPinRecord(rows.Count + 1, record, "", ""));
        }

        rows.Add(new StoredPinRecord(4, SampleRecords.Minimal("SN-4") with { EvidencePath = null, EvidenceSha256 = null }, "", ""));
        File.Delete(Path.Combine(folder.Path, "evidence", "SN-1.png"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "evidence", "SN-3.png"), "another picture");

        var result = await EvidenceVerifier.VerifyAsync(rows.ToAsyncEnumerable(), folder.Path, None);

        Assert.Equal(3, result.FilesChecked);
        Assert.Equal(2, result.Problems.Count);
        Assert.Equal($"evidence MISSING for record 1 (serial SN-1): {Path.Combine(folder.Path, "evidence", "SN-1.png")}", result.Problems[0].Describe());
        Assert.StartsWith($"evidence CHANGED for record 3 (serial SN-3): {Path.Combine(folder.Path, "evidence", "SN-3.png")}, sha256 expected {rows[2].Record.EvidenceSha256} found ", result.Problems[1].Describe(), StringComparison.Ordinal);
    }

    private static IAsyncEnumerable<StoredPinRecord> Rows(params StoredPinRecord[] rows) => rows.ToAsyncEnumerable();
}
