using System.Globalization;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;

namespace Engraver.Vision.Ring;

/// <summary>Fuses several photographs of one ring (several impressions of one pin, or several views of a
/// worn tip) into one decode, without needing the orientation mark in each. A read whose mark was seen
/// is in place already. A read without it was read slot by slot at an unknown whole-slot turn; it is
/// placed against the reads already placed by its readable cells: every turn of the ring is tried,
/// agreement is counted on the cells both show, and a turn is taken only when it agrees within noise,
/// shares at least <see cref="MinimumSharedCells"/> cells and clearly beats the next best turn. A read
/// that cannot be placed so is left out and said so, never guessed. When no read shows the mark, the
/// placed reads are turned together and the fused word must decode at one turn only (to one identity).
/// The code's Reed-Solomon and CRC-24 check the fused word as they check a single read.</summary>
public static class RingFusion
{
    /// <summary>Fewer shared readable cells than this cannot place a read: chance agreement on a
    /// handful of random cells is too likely.</summary>
    public const int MinimumSharedCells = 16;

    /// <summary>The best turn must score this much above the next best (score: agreeing cells minus
    /// <see cref="DisagreementWeight"/> per disagreeing one). Coded cells are close to random, so a wrong
    /// turn agrees on about half the shared cells and scores far below the right one.</summary>
    public const int MarginCells = 16;

    /// <summary>A disagreeing cell is about 4 times as telling as an agreeing one: at the right turn
    /// only noise disagrees (a few per cent), at a wrong one half the cells do.</summary>
    private const int DisagreementWeight = 4;

    // As the codec's fusion: a read of the same ring may carry a few wrong cells (dust, a scratch).
    private const int NoiseCells = 3;
    private const double NoiseFraction = 0.05;

    private static readonly GearRing Layout = GearRing.For(PinProfile.Default);

    /// <exception cref="ArgumentException">No reads.</exception>
    public static FusedRing Fuse(IReadOnlyList<RingRead> reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        if (reads.Count == 0)
        {
            throw new ArgumentException("Fusion needs at least one read.", nameof(reads));
        }

        var tracks = Layout.TrackCount;
        var count = reads.Count;
        var cells = new CellRead[]?[count];
        var byMark = new bool[count];
        var how = new string[count];
        for (var i = 0; i < count; i++)
        {
            if (reads[i].Pose is not null)
            {
                cells[i] = FromCode(reads[i].Reading.Cells);
                byMark[i] = true;
            }
            else if (reads[i].Unplaced is { } unplaced)
            {
                cells[i] = unplaced.ToArray();
            }
            else
            {
                how[i] = "left out: nothing could be read from it (" + Reason(reads[i].Reading.Decoded) + ")";
            }
        }

        // The reference: a read an orientation mark placed (each in turn, the one with the most readable
        // cells first, as a mark may be false); without any, the read with the most readable cells, at an
        // unknown turn. Every other read, a mark's too, is checked against the reads placed before it.
        var evidence = cells.Select(c => c is null ? null : StrikeEvidence.EraseUnevidenced(c, tracks)).ToArray();
        var anchored = byMark.Any(b => b);
        var references = Enumerable.Range(0, count).Where(i => evidence[i] is not null && (byMark[i] || !anchored))
            .OrderByDescending(i => Readable(evidence[i]!)).Take(anchored ? count : 1).ToList();
        if (references.Count == 0)
        {
            var none = Enumerable.Range(0, count).Select(i => new ReadPlacement(i, false, how[i])).ToList();
            return new FusedRing(new GearDecodeResult.Undecodable("no read could be placed on the ring"), none, anchored) { DecodesTried = 0 };
        }

        // The placements that place the most reads, and of those the ones most marks confirm, are decoded;
        // they must not decode to different identities.
        var runs = references.Select(r => Place(r, reads, evidence, byMark, how, anchored)).ToList();
        var ranked = runs.OrderByDescending(r => r.Placed).ThenByDescending(r => r.Confirmed).ToList();
        ranked = ranked.Where((r, i) => !ranked.Take(i).Any(o => o.Turn.SequenceEqual(r.Turn))).ToList();
        var tried = 0;
        (Placement Run, GearDecodeResult Result)? chosen = null;
        var identities = new HashSet<Core.Identity.MicrostampIdentity>();
        foreach (var run in ranked)
        {
            var placed = Enumerable.Range(0, count).Where(i => run.Turn[i] is not null).ToList();
            var (result, t) = anchored ? DecodeAt(0, placed, cells, run.Turn) : DecodeAtOneTurn(placed, cells, run.Turn, evidence);
            tried += t;
            if (result is GearDecodeResult.Contradictory contradiction)
            {
                result = contradiction with { ReadIndex = placed[contradiction.ReadIndex] };
            }

            if (result is GearDecodeResult.Decoded decoded)
            {
                identities.Add(decoded.Value);
                chosen = chosen is { Result: GearDecodeResult.Decoded } ? chosen : (run, result);
            }

            chosen ??= (run, result);
        }

        var (best, fused) = chosen!.Value;
        if (identities.Count > 1)
        {
            fused = new GearDecodeResult.Undecodable(Say($"the reads' orientation marks disagree, and placed by one or by another the reads decode to {identities.Count} different identities; none can be trusted"));
        }

        var placements = Enumerable.Range(0, count).Select(i => new ReadPlacement(i, best.Turn[i] is not null, best.How[i])).ToList();
        return new FusedRing(fused, placements, anchored) { DecodesTried = tried };
    }

    /// <summary>Places every read it can against the reference: greedily, the read placed most clearly
    /// first, the merged ring growing with each.</summary>
    private static Placement Place(int reference, IReadOnlyList<RingRead> reads, CellRead[]?[] evidence, bool[] byMark, string[] said, bool anchored)
    {
        var count = reads.Count;
        var (slots, tracks) = (Layout.SlotCount, Layout.TrackCount);
        var turn = new int?[count];
        var how = (string[])said.Clone();
        turn[reference] = 0;
        how[reference] = anchored ? ByMark(reads[reference]) : "no read shows the orientation mark: the others are placed against this one, the one with the most readable cells";
        var scores = new PlacementScore[count];
        while (true)
        {
            var merged = Merge(evidence, turn, slots, tracks);
            var next = -1;
            for (var i = 0; i < count; i++)
            {
                if (evidence[i] is null || turn[i] is not null)
                {
                    continue;
                }

                scores[i] = Score(evidence[i]!, merged, slots, tracks);
                if (scores[i].Clear && (next < 0 || scores[i].Margin > scores[next].Margin))
                {
                    next = i;
                }
            }

            if (next >= 0)
            {
                turn[next] = scores[next].Turn;
                var cellsSay = Say($"{scores[next].Agree} shared cells agree and {scores[next].Disagree} disagree at the best turn; the next best turn agrees on {scores[next].RunnerUpAgree} and disagrees on {scores[next].RunnerUpDisagree}");
                how[next] = !byMark[next] ? "placed by its cells: " + cellsSay
                    : scores[next].Turn == 0 ? ByMark(reads[next]) + ", and its cells agree: " + cellsSay
                    : "its orientation mark is not where its cells put it (a false mark): placed by its cells: " + cellsSay;
                continue;
            }

            // No read is placed clearly by its cells: a mark places its read unless its cells contradict that.
            var marked = Enumerable.Range(0, count).FirstOrDefault(i => byMark[i] && turn[i] is null && evidence[i] is not null && !scores[i].ContradictsMark, -1);
            if (marked < 0)
            {
                break;
            }

            turn[marked] = 0;
            how[marked] = ByMark(reads[marked]) + Say($" (its cells share {scores[marked].AtMarkAgree + scores[marked].AtMarkDisagree} with the reads placed, {scores[marked].AtMarkDisagree} disagreeing)");
        }

        for (var i = 0; i < count; i++)
        {
            if (evidence[i] is not null && turn[i] is null)
            {
                how[i] = "left out: " + (byMark[i] ? scores[i].WhyNotMark() : scores[i].WhyNot());
            }
        }

        var placedCount = turn.Count(t => t is not null);
        var confirmed = Enumerable.Range(0, count).Count(i => byMark[i] && turn[i] == 0);
        return new Placement(turn, how, placedCount, confirmed);
    }

    /// <summary>One way of placing the reads: each one's turn (null: left out) and how.</summary>
    private sealed record Placement(int?[] Turn, string[] How, int Placed, int Confirmed);

    /// <summary>The placed reads fused at one extra turn of the whole ring: as read, then with blanks no
    /// strike shows around made erasures (keeping a blank run from cell 0, then not). The first that
    /// decodes is taken. A contradiction in the cells as read may be no more than an unstruck arc read as
    /// blanks, so only the last reading's contradiction, on struck cells alone, is reported.</summary>
    private static (GearDecodeResult Result, int Tried) DecodeAt(int extra, List<int> placed, CellRead[]?[] cells, int?[] turn)
    {
        var code = placed.Select(i => ToCode(Rotate(cells[i]!, turn[i]!.Value + extra))).ToList();
        var tried = 0;
        GearDecodeResult? first = null;
        GearDecodeResult? last = null;
        foreach (var variant in new Func<CellRead[], CellRead[]>[] { c => c, c => StrikeEvidence.KeepingPadding(c, Layout.TrackCount), c => StrikeEvidence.EraseUnevidenced(c, Layout.TrackCount) })
        {
            last = GearCodec.Instance.Fuse(code.Select(c => (IReadOnlyList<CellRead>)variant(c)).ToList());

            // The codec's fusion offers the whole, then (three reads or more) the whole less each read.
            tried += code.Count >= 3 ? code.Count + 1 : 2;
            if (last is GearDecodeResult.Decoded)
            {
                return (last, tried);
            }

            first ??= last;
        }

        return (last is GearDecodeResult.Contradictory ? last : first!, tried);
    }

    /// <summary>No read showed the mark: every turn of the placed reads together is tried, except those
    /// that would put a mark where the ring never has one (the mark's slot and the guards); the fused
    /// word must decode at one turn, or at several to one identity only.</summary>
    private static (GearDecodeResult Result, int Tried) DecodeAtOneTurn(List<int> placed, CellRead[]?[] cells, int?[] turn, CellRead[]?[] evidence)
    {
        var merged = Merge(evidence, turn, Layout.SlotCount, Layout.TrackCount);
        var tried = 0;
        var decoded = new List<GearDecodeResult.Decoded>();
        for (var extra = 0; extra < Layout.SlotCount; extra++)
        {
            if (MarksNeverStruck(merged, extra))
            {
                continue;
            }

            var (result, t) = DecodeAt(extra, placed, cells, turn);
            tried += t;
            if (result is GearDecodeResult.Decoded d)
            {
                decoded.Add(d);
            }
        }

        var identities = decoded.Select(d => d.Value).Distinct().Count();
        return identities switch
        {
            1 => (decoded[0], tried),
            0 => (new GearDecodeResult.Undecodable(Say($"no read shows the orientation mark and the placed reads together decode at none of the {Layout.SlotCount} turns of the ring")), tried),
            _ => (new GearDecodeResult.Undecodable(Say($"no read shows the orientation mark and the placed reads together decode at several turns to {identities} different identities; none can be trusted")), tried),
        };
    }

    /// <summary>Whether, turned by <paramref name="extra"/> slots, the merged reads show a mark in the
    /// orientation mark's slot, the guard after it or the two guards before it, where no cell is ever struck.</summary>
    private static bool MarksNeverStruck(CellRead[] merged, int extra)
    {
        var slots = Layout.SlotCount;
        foreach (var never in new[] { slots - 2, slots - 1, 0, 1 })
        {
            var at = ((never - extra) % slots + slots) % slots;
            for (var track = 0; track < Layout.TrackCount; track++)
            {
                if (merged[(at * Layout.TrackCount) + track] == CellRead.Mark)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static PlacementScore Score(CellRead[] read, CellRead[] merged, int slots, int tracks)
    {
        var all = new (int Agree, int Disagree)[slots];
        for (var turn = 0; turn < slots; turn++)
        {
            var (agree, disagree) = (0, 0);
            for (var slot = 0; slot < slots; slot++)
            {
                var at = (slot + turn) % slots;
                for (var track = 0; track < tracks; track++)
                {
                    var mine = read[(slot * tracks) + track];
                    var theirs = merged[(at * tracks) + track];
                    if (mine == CellRead.Unreadable || theirs == CellRead.Unreadable)
                    {
                        continue;
                    }

                    agree += mine == theirs ? 1 : 0;
                    disagree += mine == theirs ? 0 : 1;
                }
            }

            all[turn] = (agree, disagree);
        }

        var order = Enumerable.Range(0, slots).OrderByDescending(t => Value(all[t])).ToArray();
        var (best, second) = (order[0], order[1]);
        return new PlacementScore(best, all[best].Agree, all[best].Disagree, all[second].Agree, all[second].Disagree, all[0].Agree, all[0].Disagree);
    }

    private static string ByMark(RingRead read) =>
        read.RotationsTried > 1 ? "placed by the one turn at which it decodes on its own" : "placed by its orientation mark";

    private static int Value((int Agree, int Disagree) s) => s.Agree - (DisagreementWeight * s.Disagree);

    /// <summary>The placed reads' trusted cells on the ring's slots: a cell read both ways is unreadable.</summary>
    private static CellRead[] Merge(CellRead[]?[] evidence, int?[] turn, int slots, int tracks)
    {
        var marks = new int[slots * tracks];
        var blanks = new int[slots * tracks];
        for (var i = 0; i < evidence.Length; i++)
        {
            if (evidence[i] is not { } read || turn[i] is not { } t)
            {
                continue;
            }

            var rotated = Rotate(read, t);
            for (var cell = 0; cell < rotated.Length; cell++)
            {
                marks[cell] += rotated[cell] == CellRead.Mark ? 1 : 0;
                blanks[cell] += rotated[cell] == CellRead.NoMark ? 1 : 0;
            }
        }

        return marks.Select((m, cell) => (m, blanks[cell]) switch
        {
            ( > 0, 0) => CellRead.Mark,
            (0, > 0) => CellRead.NoMark,
            _ => CellRead.Unreadable,
        }).ToArray();
    }

    /// <summary>Slot s of the read goes to slot s + <paramref name="turn"/> of the ring.</summary>
    private static CellRead[] Rotate(CellRead[] read, int turn)
    {
        var tracks = Layout.TrackCount;
        var slots = read.Length / tracks;
        var rotated = new CellRead[read.Length];
        for (var slot = 0; slot < slots; slot++)
        {
            Array.Copy(read, slot * tracks, rotated, (((slot + turn) % slots + slots) % slots) * tracks, tracks);
        }

        return rotated;
    }

    /// <summary>A read-out in code order on the ring's slots: the mark's slot and the guards unreadable.</summary>
    private static CellRead[] FromCode(IReadOnlyList<CellRead> code)
    {
        var slots = Enumerable.Repeat(CellRead.Unreadable, Layout.SlotCount * Layout.TrackCount).ToArray();
        for (var cell = 0; cell < code.Count; cell++)
        {
            slots[(Layout.FirstDataSlot * Layout.TrackCount) + cell] = code[cell];
        }

        return slots;
    }

    private static CellRead[] ToCode(CellRead[] slots) =>
        slots.AsSpan(Layout.FirstDataSlot * Layout.TrackCount, Layout.CellCount).ToArray();

    private static int Readable(CellRead[] cells) => cells.Count(c => c != CellRead.Unreadable);

    private static string Reason(GearDecodeResult result) => result switch
    {
        GearDecodeResult.Undecodable u => u.Reason,
        _ => result.ToString(),
    };

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A read's best and next best turn against the reads placed, and (for a read its orientation
    /// mark placed) the turn its mark gives, turn 0.</summary>
    private readonly record struct PlacementScore(int Turn, int Agree, int Disagree, int RunnerUpAgree, int RunnerUpDisagree, int AtMarkAgree, int AtMarkDisagree)
    {
        public int Margin => Value((Agree, Disagree)) - Value((RunnerUpAgree, RunnerUpDisagree));

        private bool WithinNoise => Disagree <= NoiseCells + (NoiseFraction * (Agree + Disagree));

        public bool ContradictsMark => AtMarkDisagree > NoiseCells + (NoiseFraction * (AtMarkAgree + AtMarkDisagree));

        public string WhyNotMark() =>
            Say($"its orientation mark places it where {AtMarkDisagree} of the {AtMarkAgree + AtMarkDisagree} cells it shares with the reads placed disagree, and its cells place it at no turn clearly ({WhyNot()})");

        public bool Clear => Agree >= MinimumSharedCells && WithinNoise && Margin >= MarginCells;

        public string WhyNot() =>
            Agree < MinimumSharedCells ? Say($"at its best turn it shares only {Agree + Disagree} readable cells with the reads placed (at least {MinimumSharedCells} must agree)")
            : !WithinNoise ? Say($"at its best turn {Disagree} of its {Agree + Disagree} shared cells disagree with the reads placed, more than noise explains: another ring, or misread")
            : Say($"its best turn ({Agree} agree, {Disagree} disagree) does not clearly beat the next ({RunnerUpAgree} agree, {RunnerUpDisagree} disagree); the turn is ambiguous");
    }
}

/// <summary>What fusion made of several reads: the decode, and for each read (in the order given)
/// whether and how it was placed on the ring. <paramref name="TurnFromMark"/> says whether some read's
/// orientation mark fixed the ring's turn (else the fused word had to decode at one turn only).</summary>
public sealed record FusedRing(GearDecodeResult Decoded, IReadOnlyList<ReadPlacement> Placements, bool TurnFromMark)
{
    /// <summary>Read-outs offered to the code, at every turn and every reading of unstruck blanks.</summary>
    public int DecodesTried { get; init; }

    /// <summary>Upper bound on the chance that the fused identity is not what is on the pin, from the
    /// fusion's own decodes (each photograph's own read adds its own).</summary>
    public double FalseDecodeRisk => DecodesTried * RingRead.MiscorrectionChancePerTurn;

    public int LeftOut => Placements.Count(p => !p.Placed);
}

/// <summary>One read's place in a fusion: <paramref name="Read"/> is its 0-based index among the reads
/// given, <paramref name="How"/> says how it was placed or why it was left out.</summary>
public sealed record ReadPlacement(int Read, bool Placed, string How);
