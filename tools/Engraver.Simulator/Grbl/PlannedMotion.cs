namespace Engraver.Simulator.Grbl;

/// <summary>A straight move queued in the planner, in machine coordinates. The laser burns during it
/// only when <see cref="PowerFraction"/> is above zero (laser mode: never during G0). <see cref="Jog"/>: queued by
/// "$J=", so the controller reports Jog while it runs and a jog cancel (or any hold) drops it.</summary>
internal sealed record PlannedMotion(Position3 From, Position3 To, double FeedMmPerMin, double PowerFraction, double SpindleSpeed, bool Jog = false)
{
    public double DurationSeconds => FeedMmPerMin <= 0 ? 0 : From.DistanceTo(To) / FeedMmPerMin * 60.0;
}
