namespace Engraver.Simulator.Grbl;

/// <summary>A straight move queued in the planner, in machine coordinates. The laser burns during it
/// only when <see cref="PowerFraction"/> is above zero (laser mode: never during G0).</summary>
internal sealed record PlannedMotion(Position3 From, Position3 To, double FeedMmPerMin, double PowerFraction, double SpindleSpeed)
{
    public double DurationSeconds => FeedMmPerMin <= 0 ? 0 : From.DistanceTo(To) / FeedMmPerMin * 60.0;
}
