using System.Security.Cryptography;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Hosting;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Postgres;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>One live process per station identity: a second service with the same Station:Id on the same
/// record store is refused and writes nothing; the lease dies with its holder; a supervisor releases the
/// claims of a station that is not running.</summary>
public class StationLeaseTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_service_whose_station_is_held_exits_6_naming_the_holder_and_leaves_the_database_byte_for_byte_unchanged()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "records.db");
        await using (var store = await SqliteRecordStore.OpenAsync(database, CancellationToken.None))
        {
            // A pin in flight: what crash recovery would settle if it ran.
            await store.Jobs.SubmitAsync(Job("J1", "H0001", "H0002"), CancellationToken.None);
            await store.Jobs.ClaimNextAsync("station-1", 10, CancellationToken.None);
        }

        await using var held = await FileStationLease.AcquireAsync(database, "station-1", CancellationToken.None);
        var before = DatabaseBytes(database);

        using var second = ServiceProcess.StartUnstarted(Settings(folder.Path, "station-1"));
        var code = await second.WaitForExitAsync(Generous);

        Assert.True(code == ServiceExitCodes.StationIdInUse, $"exit {code}\n{second.Output}");
        Assert.Contains($"station-1 is held by host {Environment.MachineName} pid {Environment.ProcessId} since ", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseBytes(database));
    }

    [Fact]
    public async Task Two_services_with_one_station_id_on_one_sqlite_file_the_second_exits_6_and_after_kill_9_a_new_one_takes_the_lease()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "records.db");
        using var first = ServiceProcess.StartUnstarted(Settings(folder.Path, "station-1"));
        await WaitForOutputAsync(first, "Controller connected");
        var before = await RowsAsync(database);

        using var second = ServiceProcess.StartUnstarted(Settings(folder.Path, "station-1"));
        var code = await second.WaitForExitAsync(Generous);

        Assert.True(code == ServiceExitCodes.StationIdInUse, $"exit {code}\n{second.Output}");
        Assert.Contains($"station-1 is held by host {Environment.MachineName} pid {first.Id} since ", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync(database));
        Assert.False(first.HasExited, first.Output);

        await first.KillAsync();
        using var third = ServiceProcess.StartUnstarted(Settings(folder.Path, "station-1"));
        await WaitForOutputAsync(third, "Controller connected");
        Assert.Contains($"{third.Id} ", await RowsAsync(database), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_services_with_one_station_id_on_one_postgresql_database_the_second_exits_6_naming_the_first()
    {
        await using var database = await ScratchPostgres.CreateAsync();
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string>(Settings(folder.Path, "station-1"))
        {
            ["Records:PostgresConnectionString"] = database.ConnectionString,
        };
        using var first = ServiceProcess.StartUnstarted(settings);
        await WaitForOutputAsync(first, "Controller connected");
        await using var store = await PostgresRecordStore.OpenAsync(database.ConnectionString, CancellationToken.None);
        var before = await StoreRowsAsync(store);

        using var second = ServiceProcess.StartUnstarted(settings);
        var code = await second.WaitForExitAsync(Generous);

        Assert.True(code == ServiceExitCodes.StationIdInUse, $"exit {code}\n{second.Output}");
        Assert.Contains($"station-1 is held by host {Environment.MachineName} pid {first.Id} since ", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await StoreRowsAsync(store));

        await first.KillAsync();
        using var third = ServiceProcess.StartUnstarted(settings);
        await WaitForOutputAsync(third, "Controller connected");
        Assert.False(third.HasExited, third.Output);
    }

    [Fact]
    public async Task Station_release_is_refused_while_the_station_runs_and_afterwards_turns_its_claims_into_inspection()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "records.db");
        await using (var store = await SqliteRecordStore.OpenAsync(database, CancellationToken.None))
        {
            await store.Jobs.SubmitAsync(Job("J1", "R0001", "R0002"), CancellationToken.None);
        }

        // Left unstarted (and with a one-slot tray that is already full) the live service claims nothing: the
        // claims below stay as they are.
        await ExecuteAsync(database, "INSERT INTO station_trays (station, next_slot) VALUES ('station-1', 1)");
        var settings = new Dictionary<string, string>(Settings(folder.Path, "station-1")) { ["Fixture:Rows"] = "1", ["Fixture:Columns"] = "1" };
        using var service = ServiceProcess.StartUnstarted(settings);
        // Past its crash recovery and at the queue, which it does not take from before Home and Start.
        await WaitForOutputAsync(service, "Waiting: the station is not homed");
        await using (var store = await SqliteRecordStore.OpenAsync(database, CancellationToken.None))
        {
            // What a station killed with two pins in hand leaves behind.
            await store.Jobs.ClaimNextAsync("station-1", 10, CancellationToken.None);
            await store.Jobs.ClaimNextAsync("station-1", 10, CancellationToken.None);
        }

        var (listCode, list) = await EngraverProcess.RunAsync("job", "list", "--records", database);
        Assert.True(listCode == 0, list);
        Assert.Contains("2: station-1 x2", list, StringComparison.Ordinal);

        var (refusedCode, refused) = await EngraverProcess.RunAsync("station", "release", "station-1", "--user", "sue", "--records", database);
        Assert.True(refusedCode == 1, refused);
        Assert.Contains($"station-1 is held by host {Environment.MachineName} pid {service.Id} since ", refused, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT COUNT(*) FROM command_log"));

        await service.KillAsync();
        var (code, released) = await EngraverProcess.RunAsync("station", "release", "station-1", "--user", "sue", "--records", database);

        Assert.True(code == 0, released);
        Assert.Contains("R0001", released, StringComparison.Ordinal);
        Assert.Contains("R0002", released, StringComparison.Ordinal);
        await using var after = await SqliteRecordStore.OpenAsync(database, CancellationToken.None);
        var job = (await after.Jobs.FindAsync("J1", CancellationToken.None))!;
        Assert.Equal((2, 0, JobState.Finished), (job.NeedsInspection, job.Engraving, job.State));
        var pins = (await after.QueryAsync(new RecordQuery { JobId = "J1" }, CancellationToken.None).ToListAsync()).Select(p => p.Record).ToList();
        Assert.Equal(["R0001", "R0002"], pins.Select(p => p.Serial));
        Assert.All(pins, p => Assert.Equal((PinOutcome.NeedsInspection, "sue"), (p.Outcome, p.Operator)));
        Assert.All(pins, p => Assert.StartsWith("released by sue: station station-1 was not running", p.Reason, StringComparison.Ordinal));
        var command = Assert.Single(await after.ListCommandsAsync(CancellationToken.None).ToListAsync()).Record;
        Assert.Equal(("sue", "station release", "Accepted"), (command.User, command.Command, command.Outcome));
        Assert.Contains("station-1", command.Arguments, StringComparison.Ordinal);

        var (againCode, again) = await EngraverProcess.RunAsync("station", "release", "station-1", "--user", "sue", "--records", database);
        Assert.True(againCode == 0, again);
        Assert.Contains("nothing to release", again, StringComparison.Ordinal);
    }

    private static JobSubmission Job(string id, params string[] serials) =>
        new(id, "ENGR", "MS1", "LOT-1", "default", serials, $"{id}.csv", "alice", DateTimeOffset.UtcNow);

    private static Dictionary<string, string> Settings(string dataFolder, string station) => new()
    {
        ["Station:Id"] = station,
        ["Station:DataFolder"] = dataFolder,
    };

    private static string DatabaseBytes(string database) => string.Join(" ", new[] { "", "-wal" }
        .Select(suffix => database + suffix)
        .Select(path => File.Exists(path) && new FileInfo(path).Length > 0 ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "empty"));

    /// <summary>Row counts, the chain heads, the queue and the lease holder: what a refused service could have changed.</summary>
    private static async Task<string> RowsAsync(string database)
    {
        var parts = new List<string>();
        foreach (var sql in Snapshot)
        {
            parts.Add(Convert.ToString(await ScalarAsync(database, sql), System.Globalization.CultureInfo.InvariantCulture) ?? "null");
        }

        return string.Join(" | ", parts);
    }

    private static async Task<string> StoreRowsAsync(IRecordStore store)
    {
        var pins = await store.ListPinsAsync(CancellationToken.None);
        var commands = await store.ListCommandsAsync(CancellationToken.None).ToListAsync();
        var jobs = await store.Jobs.ListAsync(CancellationToken.None);
        return $"{pins.Count} {pins.LastOrDefault()?.Hash} {commands.Count} {commands.LastOrDefault()?.Hash} " +
               string.Join(",", jobs.Select(j => $"{j.JobId}:{j.Pending}/{j.Engraving}/{j.Finished}"));
    }

    private static readonly string[] Snapshot =
    [
        "SELECT COUNT(*) FROM pin_records", "SELECT MAX(hash) FROM pin_records", "SELECT COUNT(*) FROM command_log",
        "SELECT COUNT(*) FROM job_serials WHERE state = 'Engraving'", "SELECT MAX(updated_at) FROM job_serials",
        "SELECT MAX(pid || ' ' || started_at || ' ' || heartbeat) FROM station_leases",
    ];

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitForOutputAsync(ServiceProcess service, string text)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!service.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(service.HasExited, "The service stopped:\n" + service.Output);
            Assert.True(DateTime.UtcNow < deadline, $"The service never said \"{text}\":\n{service.Output}");
            await Task.Delay(100);
        }
    }
}
