using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>Record queries by serial, job, station, outcome and time, on every store.</summary>
public abstract partial class RecordStoreContractTests
{
    private static readonly DateTimeOffset Hour = new(2024, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Query_by_job_returns_only_that_jobs_records()
    {
        await using var store = await AppendQueryRowsAsync();

        var rows = await QueryAsync(store, new RecordQuery { JobId = "job-b" });

        Assert.Equal([3L, 4L], rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Query_by_station_returns_only_that_stations_records()
    {
        await using var store = await AppendQueryRowsAsync();

        var rows = await QueryAsync(store, new RecordQuery { Station = "station-2" });

        Assert.Equal([2L, 4L], rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Query_by_outcome_returns_only_records_with_that_outcome()
    {
        await using var store = await AppendQueryRowsAsync();

        var rows = await QueryAsync(store, new RecordQuery { Outcome = PinOutcome.Rejected });

        Assert.Equal([2L], rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Query_by_time_includes_the_start_and_excludes_the_end()
    {
        await using var store = await AppendQueryRowsAsync();

        var rows = await QueryAsync(store, new RecordQuery { From = Hour.AddHours(1), To = Hour.AddHours(3) });

        Assert.Equal([2L, 3L], rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Query_by_time_compares_instants_whatever_the_offset()
    {
        await using var store = await AppendQueryRowsAsync();

        var rows = await QueryAsync(store, new RecordQuery { From = Hour.AddHours(3).ToOffset(TimeSpan.FromHours(-5)) });

        Assert.Equal([4L], rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Query_criteria_combine_and_the_limit_keeps_the_first_rows()
    {
        await using var store = await AppendQueryRowsAsync();

        var combined = await QueryAsync(store, new RecordQuery { Serial = "Q-2", JobId = "job-b", Station = "station-2" });
        var limited = await QueryAsync(store, new RecordQuery { Limit = 2 });
        var everything = await QueryAsync(store, RecordQuery.All);

        Assert.Equal([4L], combined.Select(r => r.Sequence));
        Assert.Equal([1L, 2L], limited.Select(r => r.Sequence));
        Assert.Equal(4, everything.Count);
    }

    [Fact]
    public async Task Query_with_a_serial_that_looks_like_sql_matches_nothing()
    {
        await using var store = await AppendQueryRowsAsync();

        var rows = await QueryAsync(store, new RecordQuery { Serial = "x' OR '1'='1" });

        Assert.Empty(rows);
    }

    private async Task<IRecordStore> AppendQueryRowsAsync()
    {
        var store = await OpenStoreAsync();
        PinRecord At(string serial, string job, string station, int hours) => SampleRecords.Verified(serial) with
        {
            JobId = job,
            Station = station,
            StartedAt = Hour.AddHours(hours).AddMinutes(-1),
            FinishedAt = Hour.AddHours(hours),
        };

        await store.AppendPinAsync(At("Q-1", "job-a", "station-1", 0), None);
        await store.AppendPinAsync(At("Q-2", "job-a", "station-2", 1) with { Outcome = PinOutcome.Rejected }, None);
        await store.AppendPinAsync(At("Q-3", "job-b", "station-1", 2), None);
        await store.AppendPinAsync(At("Q-2", "job-b", "station-2", 3), None);
        return store;
    }

    private static async Task<List<StoredPinRecord>> QueryAsync(IRecordStore store, RecordQuery query)
    {
        var rows = new List<StoredPinRecord>();
        await foreach (var row in store.QueryAsync(query, None))
        {
            rows.Add(row);
        }

        return rows;
    }
}
