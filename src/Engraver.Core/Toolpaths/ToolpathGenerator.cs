using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;

namespace Engraver.Core.Toolpaths;

/// <summary>Turns an identity into the laser-on strokes that engrave it, in pin-local millimetres
/// (origin at the tip centre, +Y up): first the text, ordered for short travel, then the gear ring,
/// swept around from the point nearest where the text ends. The same identity and profile always
/// give the same toolpath.</summary>
public sealed class ToolpathGenerator
{
    /// <summary>Coordinates are rounded to the resolution the G-code carries (4 decimals of a
    /// millimetre), so the toolpath and its G-code describe exactly the same points.</summary>
    public const int Decimals = 4;

    private readonly LayoutEngine _layoutEngine;
    private readonly TravelOptimizer _optimizer;

    public ToolpathGenerator()
        : this(new LayoutEngine(), new TravelOptimizer())
    {
    }

    public ToolpathGenerator(LayoutEngine layoutEngine, TravelOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(layoutEngine);
        ArgumentNullException.ThrowIfNull(optimizer);
        _layoutEngine = layoutEngine;
        _optimizer = optimizer;
    }

    /// <summary>The laser starts each marking over the tip centre.</summary>
    public static Point2 StartPoint => new(0, 0);

    /// <exception cref="LayoutException">The identity does not fit on the pin profile.</exception>
    public Toolpath Generate(MicrostampIdentity identity, PinProfile profile)
    {
        var layout = _layoutEngine.Layout(identity, profile);
        var ring = GearRing.For(profile);
        var cells = GearCodec.Instance.Encode(identity);
        var text = _optimizer.Optimize(StrokesInReadingOrder(layout), StartPoint);
        var ringStrokes = RingSweep.OpenNear(GearRingStrokes.Sweep(ring, cells), text.Count > 0 ? text[^1].End : StartPoint);
        return new Toolpath([.. text, .. ringStrokes]);
    }

    /// <summary>The ring's strokes in plain cell order (mark first, then each marked cell drawn outward),
    /// the baseline the optimised order is measured against.</summary>
    public static IReadOnlyList<Stroke> RingStrokesInCellOrder(MicrostampIdentity identity, PinProfile profile)
    {
        var ring = GearRing.For(profile);
        var cells = GearCodec.Instance.Encode(identity);
        return GearRingStrokes.InCellOrder(ring, cells);
    }

    /// <summary>The strokes of every glyph, line by line, left to right, as the font draws them.</summary>
    public IReadOnlyList<Stroke> StrokesInReadingOrder(PinLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var font = _layoutEngine.Font;
        var strokes = new List<Stroke>();
        foreach (var line in layout.Lines)
        {
            for (var i = 0; i < line.Text.Length; i++)
            {
                var glyph = font.GetGlyph(line.Text[i]);
                var glyphX = line.Origin.X + (i * font.Advance * layout.GridUnitMm);
                foreach (var polyline in glyph.Strokes)
                {
                    strokes.Add(new Stroke(polyline
                        .Select(p => new Point2(Round(glyphX + (p.X * layout.GridUnitMm)), Round(line.Origin.Y + (p.Y * layout.GridUnitMm))))
                        .ToArray()));
                }
            }
        }

        return strokes;
    }

    // Adding 0.0 turns a rounded -0 into +0, so no coordinate is ever printed as "-0.0000".
    private static double Round(double value) => Math.Round(value, Decimals, MidpointRounding.ToEven) + 0.0;
}
