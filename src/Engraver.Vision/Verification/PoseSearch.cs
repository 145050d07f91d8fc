using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;
using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Finds the pin's turn and the last few pixels of its centre by fitting the expected strokes to
/// the mark: points sampled along the strokes are scored on a distance map of the mark (chamfer
/// matching), first on a reduced map over every angle (or near a hinted one), then at full size.</summary>
internal sealed class PoseSearch
{
    private const double CoarseReachPx = 5;
    private const double FineReachPx = 3;
    private const int CoarseShiftPx = 3;
    private const int CandidatesKept = 3;

    private readonly Point2[] _coarsePoints;
    private readonly Point2[] _finePoints;
    private readonly double _maxRadiusMm;
    private readonly double _halfLinePx;

    public PoseSearch(Toolpath expected, double millimetresPerPixel, double lineWidthPx, int coarseFactor)
    {
        _halfLinePx = lineWidthPx / 2;
        CoarseFactor = coarseFactor;
        _finePoints = Sample(expected, 2 * millimetresPerPixel);
        _coarsePoints = Sample(expected, 2 * coarseFactor * millimetresPerPixel);
        _maxRadiusMm = _finePoints.Length == 0 ? 0 : _finePoints.Max(p => p.Length);
    }

    public int CoarseFactor { get; }

    /// <param name="mark">Mark mask (255 = mark) over <paramref name="region"/> of the image.</param>
    /// <param name="start">Geometry holding the centre estimate; its rotation is the hint when <paramref name="angleRangeRad"/> is below pi.</param>
    /// <param name="angleRangeRad">How far either way from the hinted rotation to look; pi or more searches every angle.</param>
    public (FrameGeometry Geometry, double Score) Find(Mat mark, Rect region, FrameGeometry start, double angleRangeRad)
    {
        using var coarseMark = new Mat();
        Cv2.Resize(mark, coarseMark, new Size(Math.Max(1, mark.Cols / CoarseFactor), Math.Max(1, mark.Rows / CoarseFactor)), 0, 0, InterpolationFlags.Area);
        Cv2.Threshold(coarseMark, coarseMark, 40, 255, ThresholdTypes.Binary);
        var coarse = DistanceMap.Of(coarseMark, CoarseFactor, region.TopLeft, CoarseReachPx, _halfLinePx / CoarseFactor);
        var fine = DistanceMap.Of(mark, 1, region.TopLeft, FineReachPx, _halfLinePx);

        var maxRadiusPx = Math.Max(1, _maxRadiusMm / start.MillimetresPerPixel);
        var step = Math.Min(0.05, CoarseReachPx * CoarseFactor / maxRadiusPx);
        var span = Math.Min(Math.PI, angleRangeRad);
        var count = Math.Max(1, (int)Math.Ceiling(2 * span / step));
        var candidates = new List<(double Angle, double Score)>(count);
        for (var i = 0; i < count; i++)
        {
            var angle = start.RotationRad - span + ((i + 0.5) * 2 * span / count);
            candidates.Add((angle, coarse.Score(_coarsePoints, start.With(start.CentrePx, angle))));
        }

        var best = (Geometry: start, Score: double.MinValue);
        foreach (var (angle, _) in candidates.OrderByDescending(c => c.Score).Take(CandidatesKept))
        {
            for (var a = -1; a <= 1; a++)
            {
                for (var dy = -CoarseShiftPx; dy <= CoarseShiftPx; dy++)
                {
                    for (var dx = -CoarseShiftPx; dx <= CoarseShiftPx; dx++)
                    {
                        var trial = start.With(start.CentrePx + new Point2d(dx * CoarseFactor, dy * CoarseFactor), angle + (a * step / 3));
                        var score = coarse.Score(_coarsePoints, trial);
                        if (score > best.Score)
                        {
                            best = (trial, score);
                        }
                    }
                }
            }
        }

        return Refine(fine, best.Geometry, step / 3);
    }

    private (FrameGeometry, double) Refine(DistanceMap fine, FrameGeometry around, double angleSpan)
    {
        var best = (Geometry: around, Score: fine.Score(_finePoints, around));
        var reach = Math.Max(1, (CoarseFactor + 1) / 2);
        const int AngleSteps = 4;
        for (var a = -AngleSteps; a <= AngleSteps; a++)
        {
            var angle = around.RotationRad + (a * angleSpan / AngleSteps);
            for (var dy = -reach; dy <= reach; dy++)
            {
                for (var dx = -reach; dx <= reach; dx++)
                {
                    var trial = around.With(around.CentrePx + new Point2d(dx, dy), angle);
                    var score = fine.Score(_finePoints, trial);
                    if (score > best.Score)
                    {
                        best = (trial, score);
                    }
                }
            }
        }

        return best;
    }

    private static Point2[] Sample(Toolpath expected, double spacingMm)
    {
        var points = new List<Point2>();
        foreach (var stroke in expected.Strokes)
        {
            for (var i = 1; i < stroke.Points.Count; i++)
            {
                var from = stroke.Points[i - 1];
                var to = stroke.Points[i];
                var steps = Math.Max(1, (int)Math.Ceiling(from.DistanceTo(to) / spacingMm));
                for (var k = 0; k < steps; k++)
                {
                    points.Add(from + ((to - from) * ((double)k / steps)));
                }
            }

            points.Add(stroke.End);
        }

        return points.ToArray();
    }

    /// <summary>How well a point placed on each pixel of a (possibly reduced) region sits on the mark:
    /// outside it, 1 falling to 0 at the reach; inside it, 1 rising to 2 on the mark's centre line, so
    /// that the fit centres the strokes in the marks rather than anywhere inside them.</summary>
    private sealed class DistanceMap
    {
        private readonly float[] _values;
        private readonly int _cols;
        private readonly int _rows;
        private readonly int _factor;
        private readonly Point _origin;

        private DistanceMap(float[] values, int cols, int rows, int factor, Point origin)
        {
            _values = values;
            _cols = cols;
            _rows = rows;
            _factor = factor;
            _origin = origin;
        }

        public static DistanceMap Of(Mat mark, int factor, Point origin, double reach, double halfLine)
        {
            using var background = new Mat();
            Cv2.BitwiseNot(mark, background);
            using var outside = new Mat();
            Cv2.DistanceTransform(background, outside, DistanceTypes.L2, DistanceTransformMasks.Mask3);
            using var inside = new Mat();
            Cv2.DistanceTransform(mark, inside, DistanceTypes.L2, DistanceTransformMasks.Mask3);
            var away = Floats(outside);
            var within = Floats(inside);
            var values = new float[away.Length];
            var half = (float)Math.Max(0.5, halfLine);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = within[i] > 0
                    ? 1 + (Math.Min(within[i], half) / half)
                    : (float)Math.Max(0, 1 - (away[i] / reach));
            }

            return new DistanceMap(values, outside.Cols, outside.Rows, factor, origin);
        }

        // Mat.GetArray copies element by element; a block copy of the continuous buffer is far quicker.
        private static float[] Floats(Mat continuous)
        {
            var values = new float[continuous.Rows * continuous.Cols];
            System.Runtime.InteropServices.Marshal.Copy(continuous.Data, values, 0, values.Length);
            return values;
        }

        /// <summary>Mean value under the points placed by <paramref name="geometry"/>.</summary>
        public double Score(Point2[] points, FrameGeometry geometry)
        {
            var (sin, cos) = Math.SinCos(geometry.RotationRad);
            var scale = 1 / (geometry.MillimetresPerPixel * _factor);
            var offsetX = (geometry.CentrePx.X - _origin.X) / _factor;
            var offsetY = (geometry.CentrePx.Y - _origin.Y) / _factor;
            var total = 0.0;
            // Bilinear: a point halfway between two pixels takes half of each, so that a half-pixel
            // better fit scores better (rounding would tie it with its neighbour).
            foreach (var p in points)
            {
                var x = offsetX + (((p.X * cos) - (p.Y * sin)) * scale);
                var y = offsetY - (((p.X * sin) + (p.Y * cos)) * scale);
                var col = (int)Math.Floor(x);
                var row = (int)Math.Floor(y);
                if (col >= 0 && row >= 0 && col + 1 < _cols && row + 1 < _rows)
                {
                    var fx = x - col;
                    var fy = y - row;
                    var at = (row * _cols) + col;
                    total += ((1 - fy) * (((1 - fx) * _values[at]) + (fx * _values[at + 1])))
                        + (fy * (((1 - fx) * _values[at + _cols]) + (fx * _values[at + _cols + 1])));
                }
            }

            return points.Length == 0 ? 0 : total / points.Length;
        }
    }
}
