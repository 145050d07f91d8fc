using System.Text;
using System.Text.Json;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class RecordExportTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Csv_has_a_header_of_seq_the_canonical_fields_and_both_hashes()
    {
        var csv = await CsvAsync(InMemoryChain.Build(2));

        var header = csv.Split("\r\n")[0];
        Assert.Equal("seq," + string.Join(",", CanonicalEncoding.FieldOrder) + ",prev_hash,hash", header);
        Assert.Equal(4, csv.Split("\r\n").Length);
    }

    [Fact]
    public async Task Csv_quotes_text_with_separators_and_keeps_empty_apart_from_missing()
    {
        var record = SampleRecords.Full with { Operator = "Doe, \"JD\"", Reason = null, Grade = "" };
        var row = new StoredPinRecord(1, record, RecordHasher.GenesisPreviousHash, RecordHasher.Instance.ComputeHash(RecordHasher.GenesisPreviousHash, record));

        var line = (await CsvAsync([row])).Split("\r\n")[1];

        Assert.Contains(",\"Doe, \"\"JD\"\"\",", line, StringComparison.Ordinal);
        Assert.Contains(",\"\",evidence/", line, StringComparison.Ordinal);
        Assert.Contains(",Verified,,2024-05-06T07:30:15.1234567Z,", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_holds_one_object_per_record_with_numbers_as_numbers_and_hashes_that_recompute()
    {
        var rows = InMemoryChain.Build(3);
        using var stream = new MemoryStream();

        var count = await RecordExport.WriteJsonAsync(InMemoryChain.Stream(rows), stream, None);

        using var document = JsonDocument.Parse(stream.ToArray());
        var second = document.RootElement[1];
        Assert.Equal(3, count);
        Assert.Equal(3, document.RootElement.GetArrayLength());
        Assert.Equal(2, second.GetProperty("seq").GetInt64());
        Assert.Equal(0.1 + 0.2, second.GetProperty("power_fraction").GetDouble());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("reason").ValueKind);
        Assert.Equal(rows[1].Hash, second.GetProperty("hash").GetString());
        Assert.Equal(rows[0].Hash, second.GetProperty("prev_hash").GetString());
    }

    [Fact]
    public async Task Csv_and_json_show_the_simulated_devices_and_leave_them_missing_for_production()
    {
        var production = SampleRecords.Verified("SN-PROD");
        var simulated = SampleRecords.Simulated("SN-TWIN");
        var first = new StoredPinRecord(1, production, RecordHasher.GenesisPreviousHash, RecordHasher.Instance.ComputeHash(RecordHasher.GenesisPreviousHash, production));
        var second = new StoredPinRecord(2, simulated, first.Hash, RecordHasher.Instance.ComputeHash(first.Hash, simulated));
        using var stream = new MemoryStream();

        var csv = (await CsvAsync([first, second])).Split("\r\n");
        await RecordExport.WriteJsonAsync(InMemoryChain.Stream([first, second]), stream, None);

        Assert.Contains(",2024-05-06T07:31:00.0000001Z,,,,,," + first.PreviousHash + ",", csv[1], StringComparison.Ordinal);
        Assert.Contains(",2024-05-06T07:31:00.0000001Z,\"controller, camera, io\",,,,," + second.PreviousHash + ",", csv[2], StringComparison.Ordinal);
        using var document = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(JsonValueKind.Null, document.RootElement[0].GetProperty("simulated_devices").ValueKind);
        Assert.Equal(SampleRecords.TwinDevices, document.RootElement[1].GetProperty("simulated_devices").GetString());
    }

    private static async Task<string> CsvAsync(IEnumerable<StoredPinRecord> rows)
    {
        var text = new StringBuilder();
        await using var writer = new StringWriter(text);
        await RecordExport.WriteCsvAsync(InMemoryChain.Stream(rows), writer, None);
        return text.ToString();
    }
}
