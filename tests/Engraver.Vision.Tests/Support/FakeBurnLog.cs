using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;
using Engraver.Simulator.Laser;

namespace Engraver.Vision.Tests.Support;

/// <summary>A burn log filled by hand: the segments a laser would have burned for a toolpath placed with
/// its pin centre at a machine point, with optional damage (a segment never burned, a line dropped).</summary>
internal sealed class FakeBurnLog : IBurnLogSource
{
    private readonly List<BurnSegment> _segments = [];

    public Point2 MachinePosition { get; set; }

    public double? MachineZ { get; set; }

    public IReadOnlyList<BurnSegment> BurnLogSnapshot() => _segments.ToArray();

    /// <summary>Burns every segment of <paramref name="toolpath"/> around <paramref name="pinCentre"/>.</summary>
    public FakeBurnLog Burn(Toolpath toolpath, Point2 pinCentre, double power = 0.8) =>
        BurnExcept(toolpath, pinCentre, skipStroke: -1, skipSegment: -1, power);

    /// <summary>Burns the toolpath but leaves out one segment, as if the laser were off for it.</summary>
    public FakeBurnLog BurnExcept(Toolpath toolpath, Point2 pinCentre, int skipStroke, int skipSegment, double power = 0.8)
    {
        for (var s = 0; s < toolpath.Strokes.Count; s++)
        {
            var points = toolpath.Strokes[s].Points;
            for (var i = 1; i < points.Count; i++)
            {
                if (s != skipStroke || i - 1 != skipSegment)
                {
                    _segments.Add(new BurnSegment(pinCentre + points[i - 1], pinCentre + points[i], power, 600));
                }
            }
        }

        return this;
    }

    /// <summary>Burns the toolpath as a controller would that never received the G1 line to point
    /// <paramref name="droppedPoint"/> of one stroke: the head cuts straight to the following point.</summary>
    public FakeBurnLog BurnDroppingLine(Toolpath toolpath, Point2 pinCentre, int stroke, int droppedPoint, double power = 0.8)
    {
        for (var s = 0; s < toolpath.Strokes.Count; s++)
        {
            var points = toolpath.Strokes[s].Points.Where((_, i) => s != stroke || i != droppedPoint).ToList();
            for (var i = 1; i < points.Count; i++)
            {
                _segments.Add(new BurnSegment(pinCentre + points[i - 1], pinCentre + points[i], power, 600));
            }
        }

        return this;
    }
}
