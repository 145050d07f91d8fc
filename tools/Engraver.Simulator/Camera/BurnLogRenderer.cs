using Engraver.Core.Geometry;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Laser;
using OpenCvSharp;

namespace Engraver.Simulator.Camera;

/// <summary>Renders what a camera centred on a machine point sees of the burned marks: polished metal
/// with a gentle illumination gradient and brushed texture, dark marks whose width and darkness follow
/// the energy each burn put in (power times dwell) as the material answers it (<see cref="MaterialResponse"/>),
/// optional pin-tip discs, surface defects, then focus blur and sensor noise.</summary>
public sealed class BurnLogRenderer
{
    private const double MetalGrey = 168;
    private const double GradientSpan = 14;
    private const double TextureSigma = 2.5;
    private const double FullPowerMarkContrast = 0.72;
    private const double TipFaceBrightening = 16;
    private const double TipRimDarkening = 90;
    private const int SubPixelBits = 3;

    private readonly BurnRenderSettings _settings;

    public BurnLogRenderer(BurnRenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public BurnRenderSettings Settings => _settings;

    /// <summary>Renders a grey CV_8UC1 image. The caller owns and disposes it.</summary>
    /// <param name="burns">Laser-on segments in machine mm.</param>
    /// <param name="viewCentre">The machine point on the optical axis.</param>
    /// <param name="tipCentres">Machine points where a pin tip is drawn; empty for none.</param>
    /// <param name="noiseSeed">Seed of the texture and sensor noise: same seed, same image.</param>
    /// <param name="pose">Where the pin really sits: turned and shifted from the nominal view.</param>
    /// <param name="defects">Faults to show; null for none.</param>
    public Mat Render(
        IReadOnlyList<BurnSegment> burns, Point2 viewCentre, IReadOnlyList<Point2> tipCentres, int noiseSeed, ScenePose pose = default, CameraDefects? defects = null)
    {
        ArgumentNullException.ThrowIfNull(burns);
        ArgumentNullException.ThrowIfNull(tipCentres);
        defects ??= CameraDefects.None;
        defects.Validate();

        var view = new ViewMapping(viewCentre, _settings.MillimetresPerPixel, _settings.WidthPx, _settings.HeightPx, pose);
        var random = new Random(noiseSeed);

        using var metal = RenderMetal(random);
        DrawTips(metal, view, tipCentres);
        using var markDepth = RenderMarkDepth(BurnLogFilter.Apply(burns, defects, view, _settings.SpotSizeMm), view);
        SurfaceDefects.Draw(markDepth, view, defects, random);

        // A mark darkens the metal under it in proportion to its depth (0..255 in the mask).
        using var keep = new Mat();
        markDepth.ConvertTo(keep, MatType.CV_32FC1, -FullPowerMarkContrast / 255.0, 1.0);
        using var lit = new Mat();
        Cv2.Multiply(metal, keep, lit);

        var blurPx = Math.Sqrt((_settings.FocusBlurSigmaPx * _settings.FocusBlurSigmaPx) + Math.Pow(defects.DefocusMm / _settings.MillimetresPerPixel, 2));
        if (blurPx > 0)
        {
            Cv2.GaussianBlur(lit, lit, new Size(0, 0), blurPx);
        }

        if (_settings.NoiseSigma > 0)
        {
            using var noise = FloatMat(SeededGaussian.Fill(random, _settings.WidthPx * _settings.HeightPx, _settings.NoiseSigma));
            Cv2.Add(lit, noise, lit);
        }

        var image = new Mat();
        lit.ConvertTo(image, MatType.CV_8UC1);
        return image;
    }

    private Mat RenderMetal(Random random)
    {
        var width = _settings.WidthPx;
        var height = _settings.HeightPx;

        // Brushed finish: white noise smeared along X, scaled to a faint texture.
        using var texture = FloatMat(SeededGaussian.Fill(random, width * height, 1.0));
        Cv2.GaussianBlur(texture, texture, new Size(0, 0), 9.0, 0.8);
        Cv2.MeanStdDev(texture, out _, out var spread);
        var textureScale = spread.Val0 > 0 ? TextureSigma / spread.Val0 : 0;

        // Illumination falls off gently from the upper left to the lower right.
        var gradient = new float[width * height];
        for (var row = 0; row < height; row++)
        {
            for (var col = 0; col < width; col++)
            {
                var across = ((0.6 * col / width) + (0.4 * row / height)) - 0.5;
                gradient[(row * width) + col] = (float)(MetalGrey - (GradientSpan * across));
            }
        }

        var metal = FloatMat(gradient);
        Cv2.ScaleAdd(texture, textureScale, metal, metal);
        return metal;
    }

    private void DrawTips(Mat metal, ViewMapping view, IReadOnlyList<Point2> tipCentres)
    {
        var radiusPx = _settings.TipDiameterMm / 2 / _settings.MillimetresPerPixel;
        var rimPx = Math.Max(2, (int)Math.Round(radiusPx * 0.03));
        foreach (var centre in tipCentres)
        {
            var (col, row) = view.ToPixel(centre);
            var at = SubPixel(col, row);
            var radius = (int)Math.Round(radiusPx * (1 << SubPixelBits));

            // The edge rolls off just outside the flat face, so the face itself is clean metal to its rim.
            var rimRadius = (int)Math.Round((radiusPx + (rimPx / 2.0)) * (1 << SubPixelBits));
            using var face = new Mat(metal.Size(), MatType.CV_32FC1, Scalar.All(0));
            Cv2.Circle(face, at, radius, new Scalar(TipFaceBrightening), -1, LineTypes.Link8, SubPixelBits);
            Cv2.Circle(face, at, rimRadius, new Scalar(-TipRimDarkening), rimPx, LineTypes.Link8, SubPixelBits);
            Cv2.Add(metal, face, metal);
        }
    }

    private Mat RenderMarkDepth(IReadOnlyList<BurnSegment> burns, ViewMapping view)
    {
        var depth = new Mat(_settings.HeightPx, _settings.WidthPx, MatType.CV_8UC1, Scalar.All(0));
        var spotPx = _settings.SpotSizeMm / _settings.MillimetresPerPixel;
        var material = _settings.Material;
        Mat? halo = null;
        try
        {
            foreach (var burn in burns)
            {
                if (material.MarkOf(material.EnergyOf(burn.PowerFraction, burn.FeedMmPerMin)) is not { } mark
                    || !view.MayShow(burn.From, burn.To, _settings.SpotSizeMm * Math.Max(1, mark.WidthSpots * MaterialResponse.HaloWidthLines)))
                {
                    continue;
                }

                var (fromCol, fromRow) = view.ToPixel(burn.From);
                var (toCol, toRow) = view.ToPixel(burn.To);
                var widthPx = spotPx * mark.WidthSpots;
                RoundCappedLine.Draw(depth, new Point2d(fromCol, fromRow), new Point2d(toCol, toRow), widthPx,
                    new Scalar(Math.Round(255 * mark.Depth)), LineTypes.AntiAlias);
                if (mark.HaloDepth > 0)
                {
                    // An over-burn floods the metal around the line: drawn apart, so a halo never lightens a core.
                    halo ??= new Mat(depth.Size(), MatType.CV_8UC1, Scalar.All(0));
                    RoundCappedLine.Draw(halo, new Point2d(fromCol, fromRow), new Point2d(toCol, toRow), widthPx * MaterialResponse.HaloWidthLines,
                        new Scalar(Math.Round(255 * mark.HaloDepth)), LineTypes.AntiAlias);
                }
            }

            if (halo is not null)
            {
                Cv2.GaussianBlur(halo, halo, new Size(0, 0), Math.Max(1, spotPx / 2));
                Cv2.Max(depth, halo, depth);
            }
        }
        finally
        {
            halo?.Dispose();
        }

        return depth;
    }

    private static Point SubPixel(double col, double row) =>
        new((int)Math.Round(col * (1 << SubPixelBits)), (int)Math.Round(row * (1 << SubPixelBits)));

    private Mat FloatMat(float[] values)
    {
        var mat = new Mat(_settings.HeightPx, _settings.WidthPx, MatType.CV_32FC1);
        mat.SetArray(values);
        return mat;
    }
}
