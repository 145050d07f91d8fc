using Engraver.Traceability.Records;

namespace Engraver.Service.Tests.Support;

/// <summary>A record store in a list, without a hash chain: enough to see which rows were appended.</summary>
internal sealed class InMemoryRecordStore : IRecordStore
{
    private readonly List<StoredPinRecord> _rows = [];

    public Task<StoredPinRecord> AppendPinAsync(PinRecord record, CancellationToken cancellationToken)
    {
        var stored = new StoredPinRecord(_rows.Count + 1, record, "prev", "hash");
        _rows.Add(stored);
        return Task.FromResult(stored);
    }

    public Task<IReadOnlyList<StoredPinRecord>> FindBySerialAsync(string serial, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredPinRecord>>(_rows.Where(r => r.Record.Serial == serial).ToList());

    public Task<IReadOnlyList<StoredPinRecord>> ListPinsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredPinRecord>>([.. _rows]);

    public Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ChainVerification(true, _rows.Count, null, null));

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
