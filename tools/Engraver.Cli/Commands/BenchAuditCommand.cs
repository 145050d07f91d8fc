using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Postgres;
using Engraver.Traceability.Sqlite;
using Npgsql;

namespace Engraver.Cli.Commands;

/// <summary>`engraver bench audit [--json]`: durable appends per second (with the chain and a signed checkpoint per
/// transaction), lookup p99 at a million records, chain verification speed, evidence re-hashing speed and the cost
/// of checkpoints (signing, checking a checkpoint file), on SQLite, and on PostgreSQL when --postgres names a
/// server (the bench creates and drops its own database there).</summary>
internal static class BenchAuditCommand
{
    private const int CheckpointCount = 20_000;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var records = new Option<long>("--records") { Description = "Records in the store for lookups and verification.", DefaultValueFactory = _ => 1_000_000 };
        var appends = new Option<int>("--appends") { Description = "Timed appends per mode.", DefaultValueFactory = _ => 4000 };
        var appenders = new Option<int>("--appenders") { Description = "Callers appending at once in the concurrent mode.", DefaultValueFactory = _ => 16 };
        var lookups = new Option<int>("--lookups") { Description = "Timed lookups by serial.", DefaultValueFactory = _ => 5000 };
        var folder = new Option<string?>("--folder") { Description = "Keep the SQLite bench file here and reuse it next time (default: a temp folder, removed)." };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; its user must be allowed to create databases." };
        var evidenceFiles = new Option<int>("--evidence-files") { Description = "Evidence files re-hashed in the evidence figure.", DefaultValueFactory = _ => 2000 };
        var evidenceKb = new Option<int>("--evidence-kb") { Description = "Size of each evidence file in KB (an evidence PNG is about this size).", DefaultValueFactory = _ => 200 };
        var command = new Command("audit", "Measure the record store: appends, lookups and verification.")
        {
            json, records, appends, appenders, lookups, folder, postgres, evidenceFiles, evidenceKb,
        };
        AtLeastOne(evidenceFiles);
        AtLeastOne(evidenceKb);
        AtLeastOne(records);
        AtLeastOne(appends);
        AtLeastOne(appenders);
        AtLeastOne(lookups);
        command.SetAction((result, token) => RunAsync(
            new BenchAuditSettings(result.GetValue(records), result.GetValue(appends), result.GetValue(appenders), result.GetValue(lookups)),
            result.GetValue(json), result.GetValue(folder), result.GetValue(postgres), (result.GetValue(evidenceFiles), result.GetValue(evidenceKb)), token));
        return command;
    }

    private static void AtLeastOne<T>(Option<T> option)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>().CompareTo(default) <= 0)
            {
                result.AddError($"{option.Name} must be at least 1.");
            }
        });
    }

    private static async Task<int> RunAsync(
        BenchAuditSettings settings, bool json, string? folder, string? postgres, (int Files, int Kb) evidenceSize, CancellationToken cancellationToken)
    {
        void Progress(string line) => Console.Error.WriteLine(line);
        var figures = new List<BenchAuditFigures> { await SqliteAsync(settings, folder, Progress, cancellationToken).ConfigureAwait(false) };
        if (postgres is not null)
        {
            figures.Add(await PostgresAsync(settings, postgres, Progress, cancellationToken).ConfigureAwait(false));
        }

        var evidence = await BenchAuditEvidence.RunAsync(evidenceSize.Files, evidenceSize.Kb, Progress, cancellationToken).ConfigureAwait(false);
        var checkpoints = BenchAuditCheckpoints.Run(CheckpointCount, Progress);
        if (json)
        {
            var all = figures.ToDictionary(f => f.Store, f => (object)f);
            all["evidence"] = evidence;
            all["checkpoints"] = checkpoints;
            Console.WriteLine(JsonSerializer.Serialize(all, Json));
        }
        else
        {
            foreach (var f in figures)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{f.Store}: {f.Records} records; appends/s {f.AppendsPerS:0} ({f.Appenders} callers), {f.AppendsPerSSingleCaller:0} (one caller); " +
                    $"lookup p50 {f.LookupMsP50:0.000} ms, p99 {f.LookupMsP99:0.000} ms; verify {f.VerifyRecordsPerS:0} records/s; chain {(f.ChainIntact ? "intact" : "BROKEN")}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"evidence: {evidence.Files} files of {evidence.FileKb} KB re-hashed; {evidence.FilesPerS:0} files/s, {evidence.MbPerS:0} MB/s; {(evidence.Intact ? "intact" : "CHANGED")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"checkpoints: {checkpoints.Checkpoints} signed at {checkpoints.SignsPerS:0}/s ({checkpoints.SignMsEach:0.000} ms each, paid once per appending transaction); checkpoint file read at {checkpoints.FileLinesReadPerS:0} lines/s, {checkpoints.VerifyMsEach:0.000} ms per signature checked; {(checkpoints.AllValid ? "all valid" : "INVALID")}"));
        }

        return figures.TrueForAll(f => f.ChainIntact) && evidence.Intact && checkpoints.AllValid ? 0 : 1;
    }

    private static async Task<BenchAuditFigures> SqliteAsync(BenchAuditSettings settings, string? folder, Action<string> progress, CancellationToken cancellationToken)
    {
        var temporary = folder is null;
        var place = Path.GetFullPath(folder ?? Path.Combine(Path.GetTempPath(), "engraver-bench-" + Guid.NewGuid().ToString("N")));
        try
        {
            var anchor = new ChainAnchor(CheckpointSigner.CreateNew(), [new CheckpointFile(Path.Combine(place, "bench-checkpoints.log"))]);
            var store = await SqliteRecordStore.OpenAsync(Path.Combine(place, "bench-records.db"), RecordHasher.Instance, anchor, cancellationToken).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                return await new BenchAuditRun(store, "sqlite", settings).RunAsync(progress, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (temporary && Directory.Exists(place))
            {
                Directory.Delete(place, recursive: true);
            }
        }
    }

    private static async Task<BenchAuditFigures> PostgresAsync(BenchAuditSettings settings, string connectionString, Action<string> progress, CancellationToken cancellationToken)
    {
        var name = "engraver_bench_" + Guid.NewGuid().ToString("N");
        await AdminAsync(connectionString, $"CREATE DATABASE \"{name}\";", cancellationToken).ConfigureAwait(false);
        try
        {
            var benchDatabase = new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ToString();
            var anchor = new ChainAnchor(CheckpointSigner.CreateNew(), []);
            var store = await PostgresRecordStore.OpenAsync(benchDatabase, RecordHasher.Instance, anchor, cancellationToken).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                return await new BenchAuditRun(store, "postgres", settings).RunAsync(progress, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await AdminAsync(connectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task AdminAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
