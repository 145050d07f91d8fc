using Engraver.Simulator.Laser;

namespace Engraver.Simulator.Camera;

/// <summary>The render-time filter of the camera twin's laser faults: it changes what the picture shows
/// was burned (power scaled, a stroke or a box left out), never the controller's burn log itself.</summary>
internal static class BurnLogFilter
{
    private const double JoinToleranceMm = 1e-6;

    public static IReadOnlyList<BurnSegment> Apply(IReadOnlyList<BurnSegment> burns, CameraDefects defects, ViewMapping view, double marginMm)
    {
        if (defects.IsNone)
        {
            return burns;
        }

        var inView = burns.Where(b => b.PowerFraction > 0 && view.MayShow(b.From, b.To, marginMm)).ToList();
        var dropped = StrokeToDrop(inView, defects.MissingStroke);
        var kept = new List<BurnSegment>(inView.Count);
        for (var i = 0; i < inView.Count; i++)
        {
            var burn = inView[i];
            var middle = (burn.From + burn.To) * 0.5;
            if ((i >= dropped.Start && i < dropped.End) || defects.ErasedBoxes.Any(box => box.Contains(middle)))
            {
                continue;
            }

            kept.Add(burn with { PowerFraction = burn.PowerFraction * defects.PowerFactor });
        }

        return kept;
    }

    // A stroke is a run of burns each starting where the previous one ended.
    private static (int Start, int End) StrokeToDrop(List<BurnSegment> burns, int? index)
    {
        if (index is null || burns.Count == 0)
        {
            return (0, 0);
        }

        var starts = new List<int> { 0 };
        for (var i = 1; i < burns.Count; i++)
        {
            if (burns[i].From.DistanceTo(burns[i - 1].To) > JoinToleranceMm)
            {
                starts.Add(i);
            }
        }

        var which = ((index.Value % starts.Count) + starts.Count) % starts.Count;
        var end = which + 1 < starts.Count ? starts[which + 1] : burns.Count;
        return (starts[which], end);
    }
}
