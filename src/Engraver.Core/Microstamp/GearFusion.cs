using System.Globalization;
using Engraver.Core.Identity;

namespace Engraver.Core.Microstamp;

/// <summary>Fuses read-outs of one ring. Cells on which the reads disagree become unreadable, so a
/// contradiction is never averaged into a value. Once an identity is found, every read is compared with
/// that identity's cells: a read with more disagreeing cells than noise explains is named as contradictory.</summary>
internal sealed class GearFusion(GearCodec codec)
{
    // A read from the same ring may carry a few wrong cells (dust, a scratch); a read from another ring
    // disagrees on a large share of the cells it shows. Beyond 3 cells plus 5% of the readable cells the
    // read is taken to be of something else.
    private const int NoiseCells = 3;
    private const double NoiseFraction = 0.05;

    public GearDecodeResult Fuse(IReadOnlyList<IReadOnlyList<CellRead>> reads)
    {
        var all = codec.Decode(Merge(reads, skip: -1));
        if (all is GearDecodeResult.Decoded decoded)
        {
            var suspect = WorstContradiction(reads, decoded.Value);
            if (suspect is null)
            {
                return decoded;
            }

            var others = reads.Count > 1 ? codec.Decode(Merge(reads, skip: suspect.Value.Read)) : null;
            return Contradiction(suspect.Value, others?.Identity ?? (reads.Count > 2 ? decoded.Value : null));
        }

        if (reads.Count < 3)
        {
            return all;
        }

        // The reads together do not decode: perhaps one of them poisons the rest.
        for (var skip = 0; skip < reads.Count; skip++)
        {
            if (codec.Decode(Merge(reads, skip)) is GearDecodeResult.Decoded rest)
            {
                var suspect = Disagreement(reads[skip], skip, codec.Encode(rest.Value));
                if (suspect.IsContradiction)
                {
                    return Contradiction(suspect, rest.Value);
                }
            }
        }

        return all;
    }

    private static CellRead[] Merge(IReadOnlyList<IReadOnlyList<CellRead>> reads, int skip)
    {
        var merged = new CellRead[GearRing.CellsPerRing];
        for (var cell = 0; cell < merged.Length; cell++)
        {
            var (marks, blanks) = (0, 0);
            for (var r = 0; r < reads.Count; r++)
            {
                if (r == skip)
                {
                    continue;
                }

                switch (reads[r][cell])
                {
                    case CellRead.Mark: marks++; break;
                    case CellRead.NoMark: blanks++; break;
                    default: break;
                }
            }

            merged[cell] = (marks, blanks) switch
            {
                ( > 0, 0) => CellRead.Mark,
                (0, > 0) => CellRead.NoMark,
                _ => CellRead.Unreadable,
            };
        }

        return merged;
    }

    private ReadDisagreement? WorstContradiction(IReadOnlyList<IReadOnlyList<CellRead>> reads, MicrostampIdentity identity)
    {
        var expected = codec.Encode(identity);
        ReadDisagreement? worst = null;
        for (var r = 0; r < reads.Count; r++)
        {
            var disagreement = Disagreement(reads[r], r, expected);
            if (disagreement.IsContradiction && (worst is null || disagreement.Fraction > worst.Value.Fraction))
            {
                worst = disagreement;
            }
        }

        return worst;
    }

    private static ReadDisagreement Disagreement(IReadOnlyList<CellRead> read, int index, IReadOnlyList<bool> expected)
    {
        var (readable, wrong) = (0, 0);
        for (var cell = 0; cell < expected.Count; cell++)
        {
            if (read[cell] == CellRead.Unreadable)
            {
                continue;
            }

            readable++;
            if ((read[cell] == CellRead.Mark) != expected[cell])
            {
                wrong++;
            }
        }

        return new ReadDisagreement(index, readable, wrong);
    }

    private static GearDecodeResult.Contradictory Contradiction(ReadDisagreement suspect, MicrostampIdentity? others) =>
        new(suspect.Read, string.Create(
            CultureInfo.InvariantCulture,
            $"read {suspect.Read} disagrees with the others on {suspect.Wrong} of its {suspect.Readable} readable cells; more than noise explains, so it is of another ring or badly misaligned"), others);

    private readonly record struct ReadDisagreement(int Read, int Readable, int Wrong)
    {
        public double Fraction => Readable == 0 ? 0 : (double)Wrong / Readable;

        public bool IsContradiction => Wrong > NoiseCells + (NoiseFraction * Readable);
    }
}
