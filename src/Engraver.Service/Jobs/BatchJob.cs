using Engraver.Traceability.Records;

namespace Engraver.Service.Jobs;

/// <summary>A batch to engrave: one make and model, a pin lot, and the serials in order.</summary>
public sealed record BatchJob(string JobId, string Make, string Model, string PinLot, IReadOnlyList<string> Serials);

/// <summary>Where a running batch is: serials finished (verified or given up) out of all (when known), and the last pin.</summary>
public sealed record BatchProgress(int SerialsFinished, int? SerialsTotal, int Verified, PinRecord? LastPin);

/// <summary>How a batch ended. <see cref="StoppedBecause"/> is null when every serial was tried.</summary>
public sealed record BatchResult(string JobId, int SerialsTotal, IReadOnlyList<PinRecord> Pins, string? StoppedBecause)
{
    public int Verified => Pins.Count(p => p.Outcome == PinOutcome.Verified);
}
