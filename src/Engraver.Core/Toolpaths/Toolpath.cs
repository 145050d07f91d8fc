namespace Engraver.Core.Toolpaths;

/// <summary>The laser-on strokes of one marking, in engraving order, in pin-local millimetres.
/// Laser-off travel runs from each stroke's end to the next stroke's start.</summary>
public sealed record Toolpath(IReadOnlyList<Stroke> Strokes)
{
    public double BurnLengthMm => Strokes.Sum(s => s.Length);

    public double TravelLengthMm
    {
        get
        {
            var travel = 0.0;
            for (var i = 1; i < Strokes.Count; i++)
            {
                travel += Strokes[i - 1].End.DistanceTo(Strokes[i].Start);
            }

            return travel;
        }
    }

    public bool Equals(Toolpath? other) => other is not null && Strokes.SequenceEqual(other.Strokes);

    public override int GetHashCode() => Strokes.Count;
}
