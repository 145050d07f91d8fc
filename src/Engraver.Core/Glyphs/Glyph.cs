namespace Engraver.Core.Glyphs;

/// <summary>One character of a stroke font: polylines on the font's grid, each drawn as one laser-on stroke.</summary>
public sealed record Glyph(char Character, IReadOnlyList<IReadOnlyList<GridPoint>> Strokes)
{
    public bool Equals(Glyph? other) =>
        other is not null
        && Character == other.Character
        && Strokes.Count == other.Strokes.Count
        && Strokes.Zip(other.Strokes).All(pair => pair.First.SequenceEqual(pair.Second));

    public override int GetHashCode() => HashCode.Combine(Character, Strokes.Count);
}
