namespace Engraver.Core.Glyphs;

/// <summary>A point on a font's integer design grid: x to the right, y up, baseline at y = 0.</summary>
public readonly record struct GridPoint(int X, int Y)
{
    public override string ToString() => $"{X},{Y}";
}
