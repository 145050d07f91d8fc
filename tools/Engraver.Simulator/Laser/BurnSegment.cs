using Engraver.Core.Geometry;

namespace Engraver.Simulator.Laser;

/// <summary>A straight piece of laser-on motion the simulated controller executed, in machine
/// coordinates (mm). <see cref="PowerFraction"/> is S divided by the controller's $30 maximum.</summary>
public readonly record struct BurnSegment(Point2 From, Point2 To, double PowerFraction, double FeedMmPerMin);
