using Engraver.Core.Microstamp;

namespace Engraver.Vision.Ring;

/// <summary>Tells a blank cell from a cell that was never struck. A partial impression, or a pin face
/// worn or rubbed bare, shows metal where marks should be: read as "no mark" those cells would be
/// wrong cells, which cost the code twice what an erasure does. Coded data is close to random, so a
/// struck stretch of ring shows marks within a few slots of every cell; a blank is believed only when
/// marks are seen within <see cref="ReachSlots"/> slots on both sides of it (or in its own slot). At
/// the edge of a bare arc the side in the arc has none, so the cells there become erasures too.
/// One stretch is blank by design: a short identity leaves the leading bytes of its payload zero, a
/// blank run from cell 0. Whether a blank run there is that padding or an unstruck arc the picture
/// cannot tell, so both readings are offered to the code (after the cells as read, which the caller
/// offers first).</summary>
internal static class StrikeEvidence
{
    /// <summary>Three slots hold nine cells: a struck stretch that long without a mark has a chance of
    /// about 1 in 500, and then costs only an erasure.</summary>
    public const int ReachSlots = 3;

    /// <summary>The further read-outs to try, in order, each distinct from the cells as read and from each
    /// other: unevidenced blanks erased except a blank run from cell 0; every unevidenced blank erased.</summary>
    public static IReadOnlyList<CellRead[]> Erasures(CellRead[] cells, int tracks)
    {
        var slots = cells.Length / tracks;
        var struck = new bool[slots];
        for (var slot = 0; slot < slots; slot++)
        {
            for (var track = 0; track < tracks; track++)
            {
                struck[slot] |= cells[(slot * tracks) + track] == CellRead.Mark;
            }
        }

        var leadingBlank = Array.IndexOf(struck, true);
        var padding = leadingBlank < 0 ? 0 : leadingBlank;
        var keepPadding = Erased(cells, tracks, struck, padding);
        var eraseAll = Erased(cells, tracks, struck, 0);
        var found = new List<CellRead[]>();
        foreach (var candidate in new[] { keepPadding, eraseAll })
        {
            if (!candidate.AsSpan().SequenceEqual(cells) && !found.Any(f => f.AsSpan().SequenceEqual(candidate)))
            {
                found.Add(candidate);
            }
        }

        return found;
    }

    /// <summary>The cells with every blank no strike shows around made an erasure, except a blank run from
    /// cell 0 (an identity's padding, as <see cref="Erasures"/> offers first).</summary>
    public static CellRead[] KeepingPadding(CellRead[] cells, int tracks)
    {
        var struck = Struck(cells, tracks);
        var leadingBlank = Array.IndexOf(struck, true);
        return Erased(cells, tracks, struck, leadingBlank < 0 ? 0 : leadingBlank);
    }

    /// <summary>The cells with every blank no strike shows around made an erasure, wherever it lies: what
    /// a read can be trusted to say about a ring whose turn is not yet known.</summary>
    public static CellRead[] EraseUnevidenced(IReadOnlyList<CellRead> cells, int tracks)
    {
        var copy = cells.ToArray();
        return Erased(copy, tracks, Struck(copy, tracks), 0);
    }

    private static bool[] Struck(CellRead[] cells, int tracks)
    {
        var struck = new bool[cells.Length / tracks];
        for (var slot = 0; slot < struck.Length; slot++)
        {
            for (var track = 0; track < tracks; track++)
            {
                struck[slot] |= cells[(slot * tracks) + track] == CellRead.Mark;
            }
        }

        return struck;
    }

    /// <summary>The cells with every blank that has no mark within reach on both sides made an erasure,
    /// except in the first <paramref name="keptSlots"/> slots.</summary>
    private static CellRead[] Erased(CellRead[] cells, int tracks, bool[] struck, int keptSlots)
    {
        var result = (CellRead[])cells.Clone();
        for (var slot = keptSlots; slot < struck.Length; slot++)
        {
            if (struck[slot] || (Seen(struck, slot, -1) && Seen(struck, slot, +1)))
            {
                continue;
            }

            for (var track = 0; track < tracks; track++)
            {
                var cell = (slot * tracks) + track;
                result[cell] = result[cell] == CellRead.NoMark ? CellRead.Unreadable : result[cell];
            }
        }

        return result;
    }

    private static bool Seen(bool[] struck, int slot, int direction)
    {
        for (var step = 1; step <= ReachSlots; step++)
        {
            if (struck[(slot + (direction * step) + struck.Length) % struck.Length])
            {
                return true;
            }
        }

        return false;
    }
}
