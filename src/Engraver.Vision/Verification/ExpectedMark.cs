using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Core.Toolpaths;

namespace Engraver.Vision.Verification;

/// <summary>What a verified pin must show: the strokes the laser was told to burn and, when the identity
/// and pin profile are known, where each human-readable glyph lies (so each can be scored on its own)
/// and how large the tip is (so it can be found in the frame).</summary>
public sealed record ExpectedMark
{
    private ExpectedMark(Toolpath toolpath, MicrostampIdentity? identity, PinProfile? profile, IReadOnlyList<GlyphBox> glyphs, GearRing? ring)
    {
        Toolpath = toolpath;
        Identity = identity;
        Profile = profile;
        Glyphs = glyphs;
        Ring = ring;
    }

    /// <summary>The gear ring the toolpath burns, when it burns one (it reaches into the ring band).</summary>
    public GearRing? Ring { get; }

    public Toolpath Toolpath { get; }

    public MicrostampIdentity? Identity { get; }

    public PinProfile? Profile { get; }

    /// <summary>Every glyph of the identity in reading order; empty when only strokes are known.</summary>
    public IReadOnlyList<GlyphBox> Glyphs { get; }

    /// <summary>Strokes only: the mark is checked as a whole, without per-glyph scores.</summary>
    public static ExpectedMark Of(Toolpath toolpath)
    {
        ArgumentNullException.ThrowIfNull(toolpath);
        return new ExpectedMark(toolpath, null, null, [], null);
    }

    /// <summary>The strokes of <paramref name="toolpath"/> (made for <paramref name="identity"/> on
    /// <paramref name="profile"/>), with the glyph places the layout gives.</summary>
    /// <exception cref="LayoutException">The identity does not fit the profile.</exception>
    public static ExpectedMark For(MicrostampIdentity identity, PinProfile profile, Toolpath toolpath)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(toolpath);
        var engine = new LayoutEngine();
        var layout = engine.Layout(identity, profile);
        var font = engine.Font;
        var margin = profile.LineWidthMm;
        var glyphs = new List<GlyphBox>();
        foreach (var line in layout.Lines)
        {
            for (var i = 0; i < line.Text.Length; i++)
            {
                var left = line.Origin.X + (i * font.Advance * layout.GridUnitMm);
                glyphs.Add(new GlyphBox(
                    line.Field,
                    i,
                    line.Text[i],
                    new Point2(left - margin, line.Origin.Y - margin),
                    new Point2(left + (font.GridWidth * layout.GridUnitMm) + margin, line.Origin.Y + line.HeightMm + margin)));
            }
        }

        var ring = GearRing.For(profile);
        var reachesRing = toolpath.Strokes.SelectMany(s => s.Points).Any(p => p.Length >= ring.InnerRadiusMm - (profile.LineWidthMm / 2));
        return new ExpectedMark(toolpath, identity, profile, glyphs, reachesRing ? ring : null);
    }
}

/// <summary>The pin-local box (mm) holding one glyph's strokes and half a line width around them:
/// character <see cref="Position"/> (0-based) of the <see cref="Field"/> line.</summary>
public sealed record GlyphBox(IdentityField Field, int Position, char Character, Point2 Min, Point2 Max)
{
    public Point2[] Corners => [Min, new Point2(Max.X, Min.Y), Max, new Point2(Min.X, Max.Y)];

    public override string ToString() => $"'{Character}' ({Field} {Position + 1})";
}
