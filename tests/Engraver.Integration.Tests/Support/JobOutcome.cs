using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Xunit;

namespace Engraver.Integration.Tests.Support;

/// <summary>The checks every multi-run job test ends with, read from the store itself.</summary>
internal static class JobOutcome
{
    /// <summary>Waits until the job has ended in the queue (Finished) or the time is up.</summary>
    public static async Task<JobSummary> WaitUntilFinishedAsync(IRecordStore store, string jobId, TimeSpan limit, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var job = await store.Jobs.FindAsync(jobId, CancellationToken.None) ?? throw new InvalidOperationException($"job {jobId} is not in the queue");
            if (job.State == JobState.Finished)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} did not finish in {limit}: {job}\n{diagnostics()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Every serial has exactly one record, and it is Verified or NeedsInspection (so none was
    /// engraved twice and none was skipped); no two pins of a station share a tray slot.</summary>
    public static async Task<IReadOnlyList<PinRecord>> AssertEachSerialOnceAsync(IRecordStore store, string jobId, IReadOnlyList<string> serials)
    {
        var pins = new List<PinRecord>();
        await foreach (var stored in store.QueryAsync(new RecordQuery { JobId = jobId }, CancellationToken.None))
        {
            pins.Add(stored.Record);
        }

        var bySerial = pins.GroupBy(p => p.Serial, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(serials.Order(StringComparer.Ordinal), bySerial.Keys.Order(StringComparer.Ordinal));
        foreach (var (serial, records) in bySerial)
        {
            var record = Assert.Single(records);
            Assert.True(record.Outcome is PinOutcome.Verified or PinOutcome.NeedsInspection, $"{serial}: {record.Outcome} {record.Reason}");
        }

        foreach (var station in pins.GroupBy(p => p.Station, StringComparer.Ordinal))
        {
            var slots = station.Select(p => p.Slot).ToList();
            Assert.Equal(slots.Count, slots.Distinct().Count());
        }

        return pins;
    }
}
