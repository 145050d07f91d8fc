namespace Engraver.Simulator.Laser;

/// <summary>A burn segment with the <see cref="System.Diagnostics.Stopwatch"/> timestamps between which the
/// laser was on along it.</summary>
public sealed record TimedBurn(BurnSegment Segment, long Started, long Ended);
