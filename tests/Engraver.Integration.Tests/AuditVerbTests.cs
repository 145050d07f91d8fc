using System.Security.Cryptography;
using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The auditor's verbs as an auditor runs them: nothing they write can destroy records, verify re-hashes
/// evidence and tells a key mismatch from tampering, and record text prints and exports safely.</summary>
public class AuditVerbTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly byte[] Key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task Export_onto_the_record_database_is_refused_and_the_database_is_unchanged()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, RecordHasher.Instance, evidence: false);
        var before = await File.ReadAllBytesAsync(records);

        var onDatabase = await EngraverProcess.RunAsync("audit", "export", "--out", records, "--records", records);
        var onLog = await EngraverProcess.RunAsync("audit", "export", "--out", records + "-wal", "--records", records, "--force");
        var report = await EngraverProcess.RunAsync("audit", "report", "--out", Path.Combine(folder.Path, "evidence"), "--records", records);

        Assert.True(onDatabase.ExitCode == 2, onDatabase.Output);
        Assert.Contains($"refusing to write {records}: it is the record database", onDatabase.Output, StringComparison.Ordinal);
        Assert.True(onLog.ExitCode == 2, onLog.Output);
        Assert.True(report.ExitCode == 2, report.Output);
        Assert.Contains("evidence folder", report.Output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(records));
        var verify = await EngraverProcess.RunAsync("audit", "verify", "--records", records);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("chain intact, 2 records checked", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_over_an_existing_file_needs_force()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, RecordHasher.Instance, evidence: false);
        var target = Path.Combine(folder.Path, "out.csv");
        await File.WriteAllTextAsync(target, "keep me");

        var refused = await EngraverProcess.RunAsync("audit", "export", "--out", target, "--records", records);
        Assert.True(refused.ExitCode == 2, refused.Output);
        Assert.Contains($"refusing to write {target}: it exists; give --force", refused.Output, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(target));

        var forced = await EngraverProcess.RunAsync("audit", "export", "--out", target, "--records", records, "--force");
        Assert.True(forced.ExitCode == 0, forced.Output);
        Assert.StartsWith("seq,serial", await File.ReadAllTextAsync(target), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_over_an_existing_report_needs_force()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, RecordHasher.Instance, evidence: false);
        var output = Path.Combine(folder.Path, "report");

        var first = await EngraverProcess.RunAsync("audit", "report", "--out", output, "--records", records);
        await File.WriteAllTextAsync(Path.Combine(output, "index.html"), "signed copy");
        var again = await EngraverProcess.RunAsync("audit", "report", "--out", output, "--records", records);
        var unchanged = await File.ReadAllTextAsync(Path.Combine(output, "index.html"));
        var forced = await EngraverProcess.RunAsync("audit", "report", "--out", output, "--records", records, "--force");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(again.ExitCode == 2, again.Output);
        Assert.Contains($"refusing to write {Path.Combine(output, "index.html")}: it exists; give --force", again.Output, StringComparison.Ordinal);
        Assert.Equal("signed copy", unchanged);
        Assert.True(forced.ExitCode == 0, forced.Output);
        Assert.Contains("Engraver audit report", await File.ReadAllTextAsync(Path.Combine(output, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_changed_evidence_and_exits_1()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, RecordHasher.Instance, evidence: true);
        await File.AppendAllTextAsync(Path.Combine(folder.Path, "evidence", "SN-2.png"), "retouched");

        var verify = await EngraverProcess.RunAsync("audit", "verify", "--records", records);

        Assert.True(verify.ExitCode == 1, verify.Output);
        Assert.Contains("chain intact, 2 records checked", verify.Output, StringComparison.Ordinal);
        Assert.Contains($"evidence CHANGED for record 2 (serial SN-2): {Path.Combine(folder.Path, "evidence", "SN-2.png")}, sha256 expected", verify.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("record 1 (serial SN-1)", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_deleted_evidence_and_no_evidence_skips_the_check()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, RecordHasher.Instance, evidence: true);
        File.Delete(Path.Combine(folder.Path, "evidence", "SN-1.png"));

        var verify = await EngraverProcess.RunAsync("audit", "verify", "--records", records);
        var skipped = await EngraverProcess.RunAsync("audit", "verify", "--records", records, "--no-evidence");
        var report = await EngraverProcess.RunAsync("audit", "report", "--out", Path.Combine(folder.Path, "report"), "--records", records);

        Assert.True(verify.ExitCode == 1, verify.Output);
        Assert.Contains($"evidence MISSING for record 1 (serial SN-1): {Path.Combine(folder.Path, "evidence", "SN-1.png")}", verify.Output, StringComparison.Ordinal);
        Assert.True(skipped.ExitCode == 0, skipped.Output);
        Assert.DoesNotContain("evidence", skipped.Output, StringComparison.Ordinal);
        Assert.True(report.ExitCode == 0, report.Output);
        var page = await File.ReadAllTextAsync(Path.Combine(folder.Path, "report", "index.html"));
        Assert.Contains("MISSING", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_has_a_row_per_serial_and_writes_its_plots()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, RecordHasher.Instance, evidence: true);
        File.Delete(Path.Combine(folder.Path, "evidence", "SN-1.png"));
        var output = Path.Combine(folder.Path, "report");

        var report = await EngraverProcess.RunAsync("audit", "report", "--out", output, "--records", records);

        Assert.True(report.ExitCode == 0, report.Output);
        var page = await File.ReadAllTextAsync(Path.Combine(output, "index.html"));
        Assert.Contains("<p class=\"covers\">This report covers all records: 2 records, sequence 1 to 2, finished ", page, StringComparison.Ordinal);
        var serials = page[page.IndexOf("<h2>Serials</h2>", StringComparison.Ordinal)..];
        Assert.Contains("<tr><td>SN-1</td><td>ENGR / MS1</td><td>Verified</td><td class=\"n\">1</td>", serials, StringComparison.Ordinal);
        Assert.Contains("<td class=\"broken\">MISSING</td>", serials, StringComparison.Ordinal);
        Assert.Contains("<tr><td>SN-2</td><td>ENGR / MS1</td><td>Verified</td><td class=\"n\">1</td><td>bob</td>", serials, StringComparison.Ordinal);
        Assert.Contains("<a href=\"../evidence/SN-2.png\">image</a>", serials, StringComparison.Ordinal);
        Assert.Contains("<tr><td>LOT-1</td><td class=\"n\">2</td><td class=\"n\">2</td>", page, StringComparison.Ordinal);
        foreach (var image in new[] { "yield-per-hour.png", "grades.png", "reject-reasons.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(output, image));
            Assert.True(bytes.Length > 1000, $"{image} is {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Contains($"<img src=\"{image}\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Keyed_chain_verified_without_its_key_says_the_key_is_needed_not_broken()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, new HmacRecordHasher(Key), evidence: false);

        var verify = await EngraverProcess.RunAsync("audit", "verify", "--records", records);
        var withKey = await EngraverProcess.RunAsync("audit", "verify", "--records", records, "--hmac-key-file", await KeyFileAsync(folder, Key));
        var otherKey = await EngraverProcess.RunAsync("audit", "verify", "--records", records, "--hmac-key-file", await KeyFileAsync(folder, new byte[32]));

        Assert.True(verify.ExitCode == 3, verify.Output);
        Assert.Contains("keyed chain: the key is needed (--hmac-key-file)", verify.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BROKEN", verify.Output, StringComparison.Ordinal);
        Assert.True(withKey.ExitCode == 0, withKey.Output);
        Assert.True(otherKey.ExitCode == 3, otherKey.Output);
        Assert.Contains("keyed chain: a different key", otherKey.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BROKEN", otherKey.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unkeyed_chain_verified_with_a_key_says_it_verified_without_one()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, RecordHasher.Instance, evidence: false);

        var verify = await EngraverProcess.RunAsync("audit", "verify", "--records", records, "--hmac-key-file", await KeyFileAsync(folder, Key));

        Assert.True(verify.ExitCode == 3, verify.Output);
        Assert.Contains("unkeyed chain: verified without a key, 2 records intact", verify.Output, StringComparison.Ordinal);
        Assert.Contains("chain intact, 2 records checked", verify.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BROKEN", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_are_listed_with_control_characters_escaped_and_csv_formulas_neutralised()
    {
        using var folder = new TempFolder();
        var records = await CreateStoreAsync(folder, RecordHasher.Instance, evidence: false);
        await using (var store = await SqliteRecordStore.OpenAsync(records, None))
        {
            await store.AppendCommandAsync(Command("alice", "home", CommandRecord.Accepted), None);
            await store.AppendCommandAsync(Command("=HYPERLINK(\"x\")", "unlock\u001b[2J", CommandRecord.Refused("not a supervisor")), None);
        }

        var table = await EngraverProcess.RunAsync("audit", "commands", "--records", records);
        var alice = await EngraverProcess.RunAsync("audit", "commands", "--records", records, "--user", "alice", "--format", "json");
        var csvFile = Path.Combine(folder.Path, "commands.csv");
        var csv = await EngraverProcess.RunAsync("audit", "commands", "--records", records, "--format", "csv", "--out", csvFile);
        var show = await EngraverProcess.RunAsync("audit", "show", "SN-1", "--records", records);

        Assert.True(table.ExitCode == 0, table.Output);
        Assert.Contains("unlock\\u001B[2J", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', table.Output);
        Assert.Contains("Refused: not a supervisor", table.Output, StringComparison.Ordinal);
        Assert.True(alice.ExitCode == 0, alice.Output);
        Assert.Contains("\"command\": \"home\"", alice.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("unlock", alice.Output, StringComparison.Ordinal);
        Assert.True(csv.ExitCode == 0, csv.Output);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", await File.ReadAllTextAsync(csvFile), StringComparison.Ordinal);
        Assert.True(show.ExitCode == 0, show.Output);
        Assert.Contains("alice\\u001B]0;owned\\u0007", show.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', show.Output);
    }

    /// <summary>Two records, SN-1 and SN-2, the first with an operator name holding an escape sequence (as a
    /// record written before text was escaped on output could); with evidence files beside them when asked.</summary>
    private static async Task<string> CreateStoreAsync(TempFolder folder, IRecordHasher hasher, bool evidence)
    {
        var records = Path.Combine(folder.Path, "records.db");
        await using var store = await SqliteRecordStore.OpenAsync(records, hasher, None);
        foreach (var serial in new[] { "SN-1", "SN-2" })
        {
            var record = Pin(serial);
            if (evidence)
            {
                var path = Path.Combine(folder.Path, "evidence", serial + ".png");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var content = System.Text.Encoding.UTF8.GetBytes("picture of " + serial);
                await File.WriteAllBytesAsync(path, content);
                record = record with { EvidencePath = path, EvidenceSha256 = Convert.ToHexStringLower(SHA256.HashData(content)) };
            }

            await store.AppendPinAsync(record, None);
        }

        return records;
    }

    private static async Task<string> KeyFileAsync(TempFolder folder, byte[] key)
    {
        var path = Path.Combine(folder.Path, $"key-{Convert.ToHexStringLower(SHA256.HashData(key))[..8]}.txt");
        await File.WriteAllTextAsync(path, Convert.ToBase64String(key));
        return path;
    }

    private static CommandRecord Command(string user, string command, string outcome) => new()
    {
        At = DateTimeOffset.UtcNow,
        Station = "st-1",
        User = user,
        Role = "operator",
        Command = command,
        Arguments = "{}",
        Outcome = outcome,
    };

    private static PinRecord Pin(string serial) => new()
    {
        Serial = serial,
        Make = "ENGR",
        Model = "MS1",
        JobId = "J1",
        Station = "st-1",
        Operator = serial == "SN-1" ? "alice\u001b]0;owned\u0007" : "bob",
        PinLot = "LOT-1",
        Slot = 1,
        Attempt = 1,
        Firmware = "grbl-1.1",
        FirmwareBanner = "Grbl 1.1h",
        RecipeName = "default",
        PowerFraction = 0.5,
        FeedMmPerMin = 600,
        Passes = 1,
        ToolpathSha256 = new string('a', 64),
        Outcome = PinOutcome.Verified,
        StartedAt = DateTimeOffset.UtcNow,
        FinishedAt = DateTimeOffset.UtcNow,
    };
}
