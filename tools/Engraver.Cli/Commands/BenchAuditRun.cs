using System.Diagnostics;
using Engraver.Traceability.Records;

namespace Engraver.Cli.Commands;

/// <summary>What the audit bench measured on one store.</summary>
internal sealed record BenchAuditFigures(
    string Store,
    long Records,
    double SetupS,
    double AppendsPerS,
    double AppendsPerSSingleCaller,
    int Appenders,
    double LookupMsP50,
    double LookupMsP99,
    double LookupMsMax,
    double ReadRecordsPerS,
    double VerifyRecordsPerS,
    bool ChainIntact);

/// <summary>Runs the audit bench on one open store: fill it to the record count in large batches (not
/// timed as appends), then time durable single appends (one caller, then several at once), lookups by
/// serial, and a full chain verification.</summary>
internal sealed class BenchAuditRun(IRecordStore store, string name, BenchAuditSettings settings)
{
    private const int SetupBatch = 20_000;

    public async Task<BenchAuditFigures> RunAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var existing = (await store.VerifyChainAsync(cancellationToken).ConfigureAwait(false)).RowsChecked;
        var setup = Stopwatch.StartNew();
        for (var next = existing; next < settings.Records; next += SetupBatch)
        {
            var count = (int)Math.Min(SetupBatch, settings.Records - next);
            var batch = Enumerable.Range(0, count).Select(i => BenchAuditRecords.Create(next + i, BenchAuditRecords.Serial(next + i))).ToList();
            await store.AppendPinsAsync(batch, cancellationToken).ConfigureAwait(false);
            if ((next / SetupBatch) % 10 == 0)
            {
                progress($"{name}: {next + count} of {settings.Records} records written");
            }
        }

        setup.Stop();
        var tag = DateTime.UtcNow.Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        progress($"{name}: timing appends");
        var single = await AppendsAsync(1, settings.Appends, $"S{tag}", cancellationToken).ConfigureAwait(false);
        var concurrent = await AppendsAsync(settings.Appenders, settings.Appends, $"C{tag}", cancellationToken).ConfigureAwait(false);

        progress($"{name}: timing lookups");
        var lookups = await LookupsAsync(cancellationToken).ConfigureAwait(false);

        progress($"{name}: timing a plain read of every record");
        var read = Stopwatch.StartNew();
        long rows = 0;
        await foreach (var _ in store.QueryAsync(RecordQuery.All, cancellationToken).ConfigureAwait(false))
        {
            rows++;
        }

        read.Stop();
        progress($"{name}: timing verification");
        var verify = Stopwatch.StartNew();
        var chain = await store.VerifyChainAsync(cancellationToken).ConfigureAwait(false);
        verify.Stop();

        return new BenchAuditFigures(
            name, chain.RowsChecked, setup.Elapsed.TotalSeconds, concurrent, single, settings.Appenders,
            Percentile(lookups, 0.50), Percentile(lookups, 0.99), lookups[^1],
            rows / read.Elapsed.TotalSeconds, chain.RowsChecked / verify.Elapsed.TotalSeconds, chain.Intact);
    }

    private async Task<double> AppendsAsync(int callers, int total, string prefix, CancellationToken cancellationToken)
    {
        var perCaller = Math.Max(1, total / callers);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var index = (long)caller * perCaller + i;
                await store.AppendPinAsync(BenchAuditRecords.Create(index, $"{prefix}-{index}"), cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken))).ConfigureAwait(false);
        return callers * perCaller / clock.Elapsed.TotalSeconds;
    }

    private async Task<double[]> LookupsAsync(CancellationToken cancellationToken)
    {
        var random = new Random(20250106);
        var times = new double[settings.Lookups];
        for (var i = 0; i < times.Length; i++)
        {
            var serial = BenchAuditRecords.Serial(random.NextInt64(settings.Records));
            var clock = Stopwatch.StartNew();
            var found = await store.FindBySerialAsync(serial, cancellationToken).ConfigureAwait(false);
            times[i] = clock.Elapsed.TotalMilliseconds;
            if (found.Count == 0)
            {
                throw new InvalidOperationException($"bench lookup found no record of {serial}; the bench store is not complete.");
            }
        }

        Array.Sort(times);
        return times;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}

internal sealed record BenchAuditSettings(long Records, int Appends, int Appenders, int Lookups);
