using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;

namespace Engraver.Service.Tests.Support;

/// <summary>A record store in a list, without a hash chain: enough to see which rows were appended.</summary>
internal sealed class InMemoryRecordStore : IRecordStore
{
    private readonly List<StoredPinRecord> _rows = [];
    private readonly List<StoredCommandRecord> _commands = [];

    public IReadOnlyList<StoredCommandRecord> Commands => _commands;

    public Engraver.Traceability.Jobs.IJobStore Jobs { get; } = new NoJobQueue();

    public Task<StoredPinRecord> AppendPinAsync(PinRecord record, CancellationToken cancellationToken)
    {
        var stored = new StoredPinRecord(_rows.Count + 1, record, "prev", "hash");
        _rows.Add(stored);
        return Task.FromResult(stored);
    }

    public Task<StoredPinRecord> AppendResolutionAsync(PinRecord resolution, CancellationToken cancellationToken)
    {
        var latest = _rows.LastOrDefault(r => r.Record.Serial == resolution.Serial)?.Record.Outcome;
        return latest == PinOutcome.NeedsInspection
            ? AppendPinAsync(resolution, cancellationToken)
            : throw new InspectionNotOpenException(resolution.Serial, latest);
    }

    public async Task<IReadOnlyList<StoredPinRecord>> AppendPinsAsync(IReadOnlyList<PinRecord> records, CancellationToken cancellationToken)
    {
        var stored = new List<StoredPinRecord>();
        foreach (var record in records)
        {
            stored.Add(await AppendPinAsync(record, cancellationToken));
        }

        return stored;
    }

    public async IAsyncEnumerable<StoredPinRecord> QueryAsync(RecordQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var matches = _rows.Where(r =>
            (query.Serial is null || r.Record.Serial == query.Serial)
            && (query.JobId is null || r.Record.JobId == query.JobId)
            && (query.Station is null || r.Record.Station == query.Station)
            && (query.Outcome is null || r.Record.Outcome == query.Outcome)
            && (query.From is null || r.Record.FinishedAt >= query.From)
            && (query.To is null || r.Record.FinishedAt < query.To));
        foreach (var row in matches.Take(query.Limit ?? int.MaxValue))
        {
            await Task.Yield();
            yield return row;
        }
    }

    public Task<IReadOnlyList<StoredPinRecord>> FindBySerialAsync(string serial, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredPinRecord>>(_rows.Where(r => r.Record.Serial == serial).ToList());

    public Task<IReadOnlyList<StoredPinRecord>> ListPinsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredPinRecord>>([.. _rows]);

    public Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ChainVerification(true, _rows.Count, null, null));

    public Task<StoredCommandRecord> AppendCommandAsync(CommandRecord record, CancellationToken cancellationToken)
    {
        var stored = new StoredCommandRecord(_commands.Count + 1, record, "prev", "hash");
        _commands.Add(stored);
        return Task.FromResult(stored);
    }

    public async IAsyncEnumerable<StoredCommandRecord> ListCommandsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in _commands.ToList())
        {
            await Task.Yield();
            yield return row;
        }
    }

    public Task<IReadOnlyDictionary<string, Engraver.Traceability.Anchoring.Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, Engraver.Traceability.Anchoring.Checkpoint>>(new Dictionary<string, Engraver.Traceability.Anchoring.Checkpoint>());

    public Task<string?> ReadChainHashAsync(string chain, long sequence, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    public Task<IReadOnlyList<Engraver.Traceability.Anchoring.Checkpoint>> AnchorUnsignedChainsAsync(Func<string, bool> mayAnchor, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Engraver.Traceability.Anchoring.Checkpoint>>([]);

    public Task<ChainVerification> VerifyCommandChainAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ChainVerification(true, _commands.Count, null, null));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static PinRecord Pin(string serial, PinOutcome outcome) => new()
    {
        Serial = serial,
        Make = "ENGR",
        Model = "MS1",
        JobId = "job-1",
        Station = "station-1",
        Operator = "night shift",
        PinLot = "LOT-1",
        Slot = 4,
        Attempt = 1,
        Firmware = "grbl-1.1",
        FirmwareBanner = "Grbl 1.1h",
        RecipeName = "default",
        PowerFraction = 0.8,
        FeedMmPerMin = 600,
        Passes = 1,
        ToolpathSha256 = new string('a', 64),
        Outcome = outcome,
        Reason = outcome == PinOutcome.NeedsInspection ? "link lost mid-pin" : null,
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch,
    };
}
