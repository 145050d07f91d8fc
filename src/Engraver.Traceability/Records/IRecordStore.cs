using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Jobs;

namespace Engraver.Traceability.Records;

/// <summary>The append-only, hash-chained record of the station.</summary>
public interface IRecordStore : IAsyncDisposable
{
    /// <summary>Appends durably (the call returns after the row is on disk) and links it into the chain.
    /// A second Verified record for the same serial is refused with <see cref="DuplicateVerifiedSerialException"/>.</summary>
    Task<StoredPinRecord> AppendPinAsync(PinRecord record, CancellationToken cancellationToken);

    /// <summary>Appends several records durably, all or none, at consecutive sequence numbers (an import, a
    /// bench set-up). If any is refused, none is written and the exception names the first refused one.</summary>
    Task<IReadOnlyList<StoredPinRecord>> AppendPinsAsync(IReadOnlyList<PinRecord> records, CancellationToken cancellationToken);

    /// <summary>Appends a pin's resolution after inspection (its final record) only if the latest record of its
    /// serial is NeedsInspection: the check and the append are one transaction under the chain's write lock, so of
    /// many resolutions of one pin, from any number of processes, exactly one is written. The others are refused
    /// with <see cref="InspectionNotOpenException"/>.</summary>
    Task<StoredPinRecord> AppendResolutionAsync(PinRecord resolution, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredPinRecord>> FindBySerialAsync(string serial, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredPinRecord>> ListPinsAsync(CancellationToken cancellationToken);

    /// <summary>Streams the records that match <paramref name="query"/>, in sequence order.</summary>
    IAsyncEnumerable<StoredPinRecord> QueryAsync(RecordQuery query, CancellationToken cancellationToken);

    Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken);

    /// <summary>Whether the chain was written keyed and with which key id; null when the store does not know
    /// (a chain begun before this was recorded, or no record yet).</summary>
    Task<Chain.ChainKeying?> ReadChainKeyingAsync(CancellationToken cancellationToken) => Task.FromResult<Chain.ChainKeying?>(null);

    /// <summary>The latest signed checkpoint of each chain kept in the store, by chain name (<see cref="Checkpoint.Chains"/>).</summary>
    Task<IReadOnlyDictionary<string, Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken);

    /// <summary>The hash stored at <paramref name="sequence"/> of the chain, or null when the chain has no such row.</summary>
    Task<string?> ReadChainHashAsync(string chain, long sequence, CancellationToken cancellationToken);

    /// <summary>Signs the head of every chain that has rows and no checkpoint yet (a store written before its
    /// chains were signed), for the chains <paramref name="mayAnchor"/> allows; nothing when the store does not sign.</summary>
    Task<IReadOnlyList<Checkpoint>> AnchorUnsignedChainsAsync(Func<string, bool> mayAnchor, CancellationToken cancellationToken);

    /// <summary>The job queue kept in the same database.</summary>
    IJobStore Jobs { get; }

    /// <summary>Appends a command record durably to the command log, a hash chain of its own beside the pins'.</summary>
    Task<StoredCommandRecord> AppendCommandAsync(CommandRecord record, CancellationToken cancellationToken);

    /// <summary>Streams the command log in sequence order.</summary>
    IAsyncEnumerable<StoredCommandRecord> ListCommandsAsync(CancellationToken cancellationToken);

    /// <summary>Walks the command log's chain with the same checks and hasher as <see cref="VerifyChainAsync"/>.</summary>
    Task<ChainVerification> VerifyCommandChainAsync(CancellationToken cancellationToken);
}

public sealed class DuplicateVerifiedSerialException(string serial)
    : Exception($"Serial {serial} already has a verified pin; a serial has at most one.")
{
    public string Serial { get; } = serial;
}

/// <summary>A resolution was refused: the serial's latest record is not NeedsInspection (resolved already,
/// perhaps a moment ago by someone else), or it has none.</summary>
public sealed class InspectionNotOpenException(string serial, PinOutcome? latest)
    : InvalidOperationException($"Serial {serial} has no pin waiting for inspection (its latest record is {latest?.ToString() ?? "missing"}).")
{
    public string Serial { get; } = serial;

    public PinOutcome? Latest { get; } = latest;
}
