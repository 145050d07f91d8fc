using Engraver.Core.Identity;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

/// <summary>The serials of one batch held in memory, engraved in order on consecutive slots from
/// <paramref name="firstSlot"/> of a tray of <paramref name="slotCount"/> slots.</summary>
public sealed class ListPinSource(JobRef job, IReadOnlyList<MicrostampIdentity> identities, int firstSlot, int slotCount) : IPinSource
{
    private readonly LinkedList<(MicrostampIdentity Identity, int AttemptsUsed)> _line = new(identities.Select(i => (i, 0)));
    private int _nextSlot = firstSlot;

    public Task<PinTake> NextAsync(CancellationToken cancellationToken)
    {
        if (_line.Count == 0)
        {
            return Task.FromResult(PinTake.Nothing);
        }

        if (_nextSlot >= slotCount)
        {
            return Task.FromResult(new PinTake(null, $"the tray is full after slot {_nextSlot - 1}; load a new tray and resume"));
        }

        var (identity, used) = _line.First!.Value;
        _line.RemoveFirst();
        return Task.FromResult(new PinTake(new PinWork(job, identity, _nextSlot++, used + 1), null));
    }

    public Task<PinWork?> RetryAsync(PinWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.FromResult(_nextSlot >= slotCount ? null : work with { Slot = _nextSlot++, Attempt = work.Attempt + 1 });
    }

    public Task ReleaseAsync(PinWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        _line.AddFirst((work.Identity, work.Attempt - 1));
        if (_nextSlot == work.Slot + 1)
        {
            _nextSlot = work.Slot;
        }

        return Task.CompletedTask;
    }

    public Task RequeueAsync(PinWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        _line.AddFirst((work.Identity, work.Attempt));
        return Task.CompletedTask;
    }

    public Task FinishAsync(PinWork work, PinOutcome outcome, CancellationToken cancellationToken) => Task.CompletedTask;
}
