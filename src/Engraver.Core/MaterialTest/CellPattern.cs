using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.MaterialTest;

/// <summary>The sample mark burned in each cell, glyph-sized (a microstamp character is 0.12 mm tall): two
/// single strokes as the glyph font draws them (a bar across the top, a stem down the left) and a small filled
/// square, hatched at three quarters of the line width so a right burn fills it. Cell-local millimetres, the
/// cell centre at (0, 0).</summary>
public sealed class CellPattern
{
    /// <summary>Half the side of the square that holds every stroke of the pattern.</summary>
    public const double HalfSizeMm = 0.11;

    private const double BarY = 0.08;
    private const double Left = -0.10;
    private const double Right = 0.10;
    private const double StemBottom = -0.10;
    private const double StemTop = 0.04;
    private const double SquareLeft = -0.04;
    private const double SquareRight = 0.06;
    private const double SquareBottom = -0.10;
    private const double SquareTop = 0.0;
    private const double HatchPitchInLines = 0.75;

    public CellPattern(double lineWidthMm)
    {
        if (!double.IsFinite(lineWidthMm) || lineWidthMm <= 0 || lineWidthMm > 0.05)
        {
            throw new ArgumentOutOfRangeException(nameof(lineWidthMm), lineWidthMm, "The line width must be above 0 and at most 0.05 mm.");
        }

        LineWidthMm = lineWidthMm;
        Lines =
        [
            new Stroke([new Point2(Left, BarY), new Point2(Right, BarY)]),
            new Stroke([new Point2(Left, StemTop), new Point2(Left, StemBottom)]),
        ];
        var pitch = lineWidthMm * HatchPitchInLines;
        var hatches = (int)Math.Floor((SquareTop - SquareBottom) / pitch) + 1;
        var hatch = new List<Stroke>(hatches);
        for (var i = 0; i < hatches; i++)
        {
            // Back and forth, as a laser fills: the next line starts where the last one ended.
            var y = SquareBottom + (i * pitch);
            hatch.Add(i % 2 == 0
                ? new Stroke([new Point2(SquareLeft, y), new Point2(SquareRight, y)])
                : new Stroke([new Point2(SquareRight, y), new Point2(SquareLeft, y)]));
        }

        Hatch = hatch;
        var top = SquareBottom + ((hatches - 1) * pitch);
        var half = lineWidthMm / 2;
        // The area a right burn darkens: the hatch lines' centres plus half a line all round.
        FilledSquare = [new Point2(SquareLeft - half, SquareBottom - half), new Point2(SquareRight + half, SquareBottom - half),
            new Point2(SquareRight + half, top + half), new Point2(SquareLeft - half, top + half)];
        Toolpath = new Toolpath([.. Lines, .. Hatch]);
    }

    /// <summary>The nominal line width: a right burn's line is this wide.</summary>
    public double LineWidthMm { get; }

    /// <summary>The single strokes, whose burned width is measured.</summary>
    public IReadOnlyList<Stroke> Lines { get; }

    /// <summary>The hatch lines that fill the square.</summary>
    public IReadOnlyList<Stroke> Hatch { get; }

    /// <summary>The corners of the area the hatch should fill, counter-clockwise.</summary>
    public IReadOnlyList<Point2> FilledSquare { get; }

    /// <summary>Everything burned in a cell, in burning order.</summary>
    public Toolpath Toolpath { get; }
}
