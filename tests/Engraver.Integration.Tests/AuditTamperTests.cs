using System.Data.Common;
using System.Security.Cryptography;
using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>Someone with write access to the records (and the data folder) changes them; `engraver audit verify`
/// must exit 1 and say what and where, on both stores. The station signs as the service does: the records were
/// appended through a store opened for writing, with the signing key and the checkpoint file in the data folder.</summary>
public abstract class AuditTamperTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();
    private IReadOnlyDictionary<string, Checkpoint> _checkpointsAtFourPins = new Dictionary<string, Checkpoint>();

    protected string DataFolder => _folder.Path;

    protected RecordStoreOptions Options { get; } = new();

    public virtual async Task InitializeAsync()
    {
        await using var store = await OpenForWritingAsync();
        for (var i = 1; i <= 5; i++)
        {
            await store.AppendPinAsync(await PinWithEvidenceAsync($"SN-{i}"), None);
            await store.AppendCommandAsync(Command($"command-{i}"), None);
            if (i == 4)
            {
                _checkpointsAtFourPins = await store.ReadCheckpointsAsync(None);
            }
        }
    }

    public virtual Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>What `audit verify` is given to find this store (the data folder through the environment).</summary>
    protected abstract string[] StoreArguments { get; }

    protected abstract Task ExecuteAsync(string sql);

    [Fact]
    public async Task Untouched_store_verifies_signed_with_exit_0()
    {
        var (exitCode, output) = await VerifyAsync();

        Assert.True(exitCode == 0, output);
        Assert.Contains("records: signed: all 5 rows covered by the checkpoint of", output, StringComparison.Ordinal);
        Assert.Contains("command log: signed: all 5 rows covered", output, StringComparison.Ordinal);
        Assert.Contains("records: matches the latest checkpoint in the files", output, StringComparison.Ordinal);
        Assert.Contains("evidence intact, 5 files re-hashed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edited_row_is_named()
    {
        await ExecuteAsync("UPDATE pin_records SET operator = 'mallory' WHERE seq = 3;");

        await AssertTamperedAsync("chain BROKEN at record 3: hash mismatch");
    }

    [Fact]
    public async Task Deleted_middle_row_is_named()
    {
        await ExecuteAsync("DELETE FROM pin_records WHERE seq = 3;");

        await AssertTamperedAsync("chain BROKEN at record 3: gap in sequence: row 3 is missing");
    }

    [Fact]
    public async Task Inserted_row_is_named()
    {
        await ExecuteAsync("UPDATE pin_records SET seq = seq + 100 WHERE seq >= 3;");
        await ExecuteAsync("UPDATE pin_records SET seq = seq - 99 WHERE seq >= 100;");
        await ExecuteAsync("""
            INSERT INTO pin_records (seq, serial, make, model, job_id, station, operator, pin_lot, slot, attempt, firmware, firmware_banner,
                recipe_name, power_fraction, feed_mm_per_min, passes, toolpath_sha256, outcome, started_at, finished_at, prev_hash, hash)
            SELECT 3, 'SN-FORGED', make, model, job_id, station, operator, pin_lot, slot, attempt, firmware, firmware_banner,
                recipe_name, power_fraction, feed_mm_per_min, passes, toolpath_sha256, outcome, started_at, finished_at, hash, hash
            FROM pin_records WHERE seq = 2;
            """);

        await AssertTamperedAsync("chain BROKEN at record 3:");
    }

    [Fact]
    public async Task Reordered_rows_are_named()
    {
        await ExecuteAsync("UPDATE pin_records SET seq = 100 WHERE seq = 2;");
        await ExecuteAsync("UPDATE pin_records SET seq = 2 WHERE seq = 3;");
        await ExecuteAsync("UPDATE pin_records SET seq = 3 WHERE seq = 100;");

        await AssertTamperedAsync("chain BROKEN at record 2: previous-hash mismatch");
    }

    [Fact]
    public async Task Newest_rows_removed_are_reported_truncated()
    {
        await ExecuteAsync("DELETE FROM pin_records WHERE seq >= 4;");

        await AssertTamperedAsync("records: TRUNCATED: the store's signed checkpoint of", "covers 5 rows, the store has 3: rows 4..5 were removed");
    }

    [Fact]
    public async Task Newest_rows_and_the_store_checkpoint_removed_are_reported_not_signed()
    {
        await ExecuteAsync("DELETE FROM pin_records WHERE seq = 5;");
        await ExecuteAsync("DELETE FROM chain_checkpoints;");

        await AssertTamperedAsync("records: NOT SIGNED: the store holds no signed checkpoint for its 4 rows");
    }

    [Fact]
    public async Task Store_rolled_back_to_an_older_signed_state_is_caught_by_the_checkpoint_file()
    {
        var older = _checkpointsAtFourPins[Checkpoint.Pins];
        await ExecuteAsync("DELETE FROM pin_records WHERE seq = 5;");
        await ExecuteAsync($"UPDATE chain_checkpoints SET records = {older.Records}, head = '{older.Head}', signed_at = '{older.At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}', signature = '{older.Signature}' WHERE chain = 'pins';");

        var output = await AssertTamperedAsync("records: TRUNCATED or ROLLED BACK: the checkpoint of", "checkpoints.log line", "covers 5 rows, the store has 4");
        Assert.Contains("records: signed: all 4 rows covered", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_edited_and_the_chain_rehashed_without_the_key_is_reported_rewritten()
    {
        await RechainAsync(fromSequence: 2, edit: record => record with { Operator = "mallory" });

        await AssertTamperedAsync("records: REWRITTEN: row 5 hashes to", "the store's signed checkpoint of");
    }

    [Fact]
    public async Task Middle_row_deleted_and_the_rest_renumbered_and_rehashed_is_reported_truncated()
    {
        await ExecuteAsync("DELETE FROM pin_records WHERE seq = 3;");
        await ExecuteAsync("UPDATE pin_records SET seq = seq + 100 WHERE seq > 3;");
        await ExecuteAsync("UPDATE pin_records SET seq = seq - 101 WHERE seq > 100;");
        await RechainAsync(fromSequence: 3, edit: record => record);

        await AssertTamperedAsync("records: TRUNCATED: the store's signed checkpoint of", "covers 5 rows, the store has 4");
    }

    [Fact]
    public async Task Row_appended_without_the_key_is_reported_not_signed()
    {
        await using (var unsigned = await RecordStoreFactory.OpenAsync(Options, DataFolder, None))
        {
            await unsigned.AppendPinAsync(Pin("SN-FORGED"), None);
        }

        await AssertTamperedAsync("records: rows 6..6 are NOT SIGNED: the store's signed checkpoint of", "covers 5; they were appended without the station's key");
    }

    [Fact]
    public async Task Checkpoint_row_altered_is_reported_forged()
    {
        await ExecuteAsync("DELETE FROM pin_records WHERE seq = 5;");
        await ExecuteAsync("UPDATE chain_checkpoints SET records = 4 WHERE chain = 'pins';");

        await AssertTamperedAsync("records: the store's checkpoint (records 4) does not verify under key");
    }

    [Fact]
    public async Task Newest_command_removed_is_reported_truncated()
    {
        await ExecuteAsync("DELETE FROM command_log WHERE seq = 5;");

        await AssertTamperedAsync("command log: TRUNCATED: the store's signed checkpoint of", "covers 5 rows, the store has 4");
    }

    [Fact]
    public async Task Changed_evidence_is_named()
    {
        await File.AppendAllTextAsync(EvidencePath("SN-2"), "retouched");

        await AssertTamperedAsync("evidence CHANGED for record 2", "SN-2.png");
    }

    [Fact]
    public async Task Deleted_evidence_is_named()
    {
        File.Delete(EvidencePath("SN-4"));

        await AssertTamperedAsync("evidence MISSING for record 4 (serial SN-4)");
    }

    [Fact]
    public async Task Checkpoint_signed_by_a_key_not_given_is_a_key_question_with_exit_3()
    {
        using var other = CheckpointSigner.CreateNew();
        var otherKey = Path.Combine(DataFolder, "other.pub.pem");
        await File.WriteAllTextAsync(otherKey, other.PublicKeyPem);

        var (exitCode, output) = await VerifyAsync("--public-key", otherKey);

        Assert.True(exitCode == 3, output);
        Assert.Contains("records: signed by key", output, StringComparison.Ordinal);
        Assert.Contains($"its public key is needed to check it (--public-key FILE; the keys given are {other.KeyId})", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BROKEN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_export_with_a_forged_checkpoint_line_is_named()
    {
        var journal = Path.Combine(DataFolder, "journal.txt");
        var lines = await File.ReadAllLinesAsync(Path.Combine(DataFolder, "checkpoints.log"));
        var forged = lines[^1].Replace("records=5", "records=6", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(journal, [.. lines.Select(l => "Nov 30 engraver-service[42]: " + l), "Nov 30 engraver-service[42]: " + forged]);

        await AssertTamperedAsync(["--checkpoints", journal], $"{journal} line {lines.Length + 1}: the checkpoint's signature does not verify");
    }

    [Fact]
    public async Task Report_carries_the_signed_head_and_fails_on_a_truncated_store()
    {
        var head = await StoredHeadAsync();
        var good = await RunAsync("audit", "report", "--out", Path.Combine(DataFolder, "report-1"));
        await ExecuteAsync("DELETE FROM pin_records WHERE seq = 5;");
        var truncated = await RunAsync("audit", "report", "--out", Path.Combine(DataFolder, "report-2"));

        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Contains($"Signed head: records 1..5, head {head}", await File.ReadAllTextAsync(Path.Combine(DataFolder, "report-1", "index.html")), StringComparison.Ordinal);
        Assert.True(truncated.ExitCode == 1, truncated.Output);
        Assert.Contains("<p class=\"broken\">records: TRUNCATED: the store&#39;s signed checkpoint", await File.ReadAllTextAsync(Path.Combine(DataFolder, "report-2", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_keeps_the_head_it_covers_which_later_holds_the_store_to_it()
    {
        var export = Path.Combine(DataFolder, "export.csv");
        var exported = await RunAsync("audit", "export", "--out", export);
        await using (var store = await OpenForWritingAsync())
        {
            await store.AppendPinAsync(Pin("SN-6"), None);
        }

        var grown = await VerifyAsync("--checkpoints", export + ".checkpoint");
        await ExecuteAsync("DELETE FROM pin_records WHERE seq >= 5;");
        await ExecuteAsync("DELETE FROM chain_checkpoints WHERE chain = 'pins';");

        Assert.True(exported.ExitCode == 0, exported.Output);
        Assert.Contains($"audit export: covers records 1..5, head {await StoredHeadAsync(5)}", exported.Output, StringComparison.Ordinal);
        Assert.True(grown.ExitCode == 0, grown.Output);
        Assert.Contains("records: matches the latest checkpoint in the files", grown.Output, StringComparison.Ordinal);
        await AssertTamperedAsync(["--checkpoints", export + ".checkpoint"], "records: TRUNCATED or ROLLED BACK: the checkpoint of", "export.csv.checkpoint line 1) covers 5 rows, the store has 4");
    }

    [Fact]
    public async Task Export_onto_the_checkpoint_file_or_into_the_keys_folder_is_refused_and_writes_nothing()
    {
        var checkpoints = Path.Combine(DataFolder, "checkpoints.log");
        var before = await File.ReadAllBytesAsync(checkpoints);

        var ontoCheckpoints = await RunAsync("audit", "export", "--out", checkpoints, "--force");
        var intoKeys = await RunAsync("audit", "export", "--out", Path.Combine(DataFolder, "keys", "export.csv"), "--force");

        Assert.True(ontoCheckpoints.ExitCode == 2, ontoCheckpoints.Output);
        Assert.Contains("it is the checkpoint file that anchors the records; nothing was written", ontoCheckpoints.Output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(checkpoints));
        Assert.True(intoKeys.ExitCode == 2, intoKeys.Output);
        Assert.Contains("it is in the signing keys folder", intoKeys.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(DataFolder, "keys", "export.csv")));
    }

    protected async Task<IRecordStore> OpenForWritingAsync() =>
        (await RecordStoreFactory.OpenForWritingAsync(Options, DataFolder, [], null, None)).Store;

    private Task<string> AssertTamperedAsync(params string[] expected) => AssertTamperedAsync([], expected);

    private async Task<string> AssertTamperedAsync(string[] arguments, params string[] expected)
    {
        var (exitCode, output) = await VerifyAsync(arguments);
        Assert.True(exitCode == 1, output);
        var line = output.Split('\n').FirstOrDefault(l => l.Contains(expected[0], StringComparison.Ordinal));
        Assert.True(line is not null, $"no line says '{expected[0]}':\n{output}");
        foreach (var part in expected.Skip(1))
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }

        return output;
    }

    private Task<(int ExitCode, string Output)> VerifyAsync(params string[] arguments) => RunAsync(["audit", "verify", .. arguments]);

    /// <summary>Runs an audit verb (its first two arguments) on this store, the data folder given through the environment.</summary>
    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        EngraverProcess.RunAsync(
            new Dictionary<string, string> { ["ENGRAVER_Station__DataFolder"] = DataFolder },
            [.. arguments[..2], .. StoreArguments, .. arguments[2..]]);

    /// <summary>The hash of the store's pin row at <paramref name="sequence"/> (default the store's own signed head).</summary>
    private async Task<string?> StoredHeadAsync(long? sequence = null)
    {
        await using var reader = await RecordStoreFactory.OpenAsync(Options, DataFolder, None);
        return sequence is { } at
            ? await reader.ReadChainHashAsync(Checkpoint.Pins, at, None)
            : (await reader.ReadCheckpointsAsync(None))[Checkpoint.Pins].Head;
    }

    /// <summary>What someone without the key can do: change a row and recompute every hash from it on with the
    /// published algorithm, so that the chain itself verifies again.</summary>
    private async Task RechainAsync(long fromSequence, Func<PinRecord, PinRecord> edit)
    {
        IReadOnlyList<StoredPinRecord> rows;
        await using (var reader = await RecordStoreFactory.OpenAsync(Options, DataFolder, None))
        {
            rows = await reader.ListPinsAsync(None);
        }

        var previous = rows.Single(r => r.Sequence == fromSequence - 1).Hash;
        foreach (var row in rows.Where(r => r.Sequence >= fromSequence))
        {
            var record = row.Sequence == fromSequence ? edit(row.Record) : row.Record;
            var hash = RecordHasher.Instance.ComputeHash(previous, CanonicalEncoding.Encode(record));
            await ExecuteAsync($"UPDATE pin_records SET operator = '{record.Operator}', prev_hash = '{previous}', hash = '{hash}' WHERE seq = {row.Sequence};");
            previous = hash;
        }
    }

    private string EvidencePath(string serial) => Path.Combine(DataFolder, "evidence", serial + ".png");

    private async Task<PinRecord> PinWithEvidenceAsync(string serial)
    {
        var path = EvidencePath(serial);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var content = System.Text.Encoding.UTF8.GetBytes("picture of " + serial);
        await File.WriteAllBytesAsync(path, content);
        return Pin(serial) with { EvidencePath = path, EvidenceSha256 = Convert.ToHexStringLower(SHA256.HashData(content)) };
    }

    private static CommandRecord Command(string name) => new()
    {
        At = DateTimeOffset.UtcNow,
        Station = "st-1",
        User = "alice",
        Role = "Operator",
        Command = name,
        Arguments = "{}",
        Outcome = CommandRecord.Accepted,
    };

    private static PinRecord Pin(string serial) => new()
    {
        Serial = serial,
        Make = "ENGR",
        Model = "MS1",
        JobId = "J1",
        Station = "st-1",
        Operator = "alice",
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

public sealed class SqliteAuditTamperTests : AuditTamperTests
{
    public SqliteAuditTamperTests() => Options.Path = Path.Combine(DataFolder, "records.db");

    protected override string[] StoreArguments => ["--records", Options.Path];

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Options.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class PostgresAuditTamperTests : AuditTamperTests
{
    private ScratchPostgres? _database;

    private ScratchPostgres Database => _database ?? throw new InvalidOperationException("The scratch database is not created yet.");

    public override async Task InitializeAsync()
    {
        _database = await ScratchPostgres.CreateAsync();
        Options.PostgresConnectionString = Database.ConnectionString;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override string[] StoreArguments => ["--postgres", Database.ConnectionString];

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
