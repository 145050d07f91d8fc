using System.Globalization;
using System.Text;
using Engraver.Core.Geometry;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;

namespace Engraver.Core.Toolpaths;

/// <summary>Draws a toolpath as the laser will burn it, as SVG text in millimetres: the tip face,
/// faint guides for the usable disc and the ring band, every laser-on stroke at the profile's line width
/// with round ends, and the laser-off travel as thin faint lines. Pin-local +Y up becomes SVG -Y.</summary>
public static class ToolpathSvg
{
    private const double PixelsPerMm = 600;

    public static string Render(Toolpath toolpath, PinProfile profile, string title)
    {
        ArgumentNullException.ThrowIfNull(toolpath);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(title);
        var ring = GearRing.For(profile);
        var tip = profile.TipDiameterMm / 2;
        var half = tip * 1.06;
        var size = F(2 * half * PixelsPerMm);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"{F(-half)} {F(-half)} {F(2 * half)} {F(2 * half)}\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <title>{Escape(title)}</title>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"{F(-half)}\" y=\"{F(-half)}\" width=\"{F(2 * half)}\" height=\"{F(2 * half)}\" fill=\"#9a9a9a\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <circle cx=\"0\" cy=\"0\" r=\"{F(tip)}\" fill=\"#e6e6e6\" stroke=\"#555555\" stroke-width=\"0.01\"/>\n");
        foreach (var radius in new[] { profile.UsableRadiusMm - profile.MarginMm, ring.InnerRadiusMm - (profile.LineWidthMm / 2), ring.OuterRadiusMm + (profile.LineWidthMm / 2) })
        {
            svg.Append(CultureInfo.InvariantCulture, $"  <circle cx=\"0\" cy=\"0\" r=\"{F(radius)}\" fill=\"none\" stroke=\"#7fb07f\" stroke-width=\"0.002\" stroke-dasharray=\"0.01 0.01\"/>\n");
        }

        svg.Append("  <g id=\"travel\" fill=\"none\" stroke=\"#3b8fd9\" stroke-opacity=\"0.45\" stroke-width=\"0.002\">\n");
        var at = ToolpathGenerator.StartPoint;
        foreach (var stroke in toolpath.Strokes)
        {
            if (at != stroke.Start)
            {
                svg.Append(CultureInfo.InvariantCulture, $"    <line x1=\"{F(at.X)}\" y1=\"{F(-at.Y)}\" x2=\"{F(stroke.Start.X)}\" y2=\"{F(-stroke.Start.Y)}\"/>\n");
            }

            at = stroke.End;
        }

        svg.Append("  </g>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <g id=\"burn\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"{F(profile.LineWidthMm)}\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
        foreach (var stroke in toolpath.Strokes)
        {
            svg.Append("    <polyline points=\"").AppendJoin(' ', stroke.Points.Select(Point)).Append("\"/>\n");
        }

        svg.Append("  </g>\n</svg>\n");
        return svg.ToString();
    }

    private static string Point(Point2 p) => $"{F(p.X)},{F(-p.Y)}";

    private static string F(double value) => (Math.Round(value, 5) + 0.0).ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
