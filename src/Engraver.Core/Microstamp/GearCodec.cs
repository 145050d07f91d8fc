using Engraver.Core.Identity;

namespace Engraver.Core.Microstamp;

/// <summary>The gear code: an identity packed into 20 bytes, guarded by a CRC-24, protected by a
/// Reed-Solomon code over GF(2^8) (52 symbols, 23 of data, 29 of parity) and laid out 8 cells per
/// symbol, most significant bit first, in cell order around the ring. A contiguous missing arc thus
/// erases a run of whole symbols; one codeword spans the whole ring, so where the arc falls does not
/// matter. The last 4 cells carry no data and are always blank.
/// <para>Tolerance: any contiguous 40% of the ring unreadable plus 3 wrong cells, or up to 14 wrong
/// symbols with nothing unreadable. A read-out beyond that comes out <see cref="GearDecodeResult.Undecodable"/>
/// unless a Reed-Solomon miscorrection also passes the CRC-24 and the packing rules (below 2^-24).</para></summary>
public sealed class GearCodec
{
    /// <summary>Make, model and serial together may hold this many characters.</summary>
    public const int MaxIdentityCharacters = 28;

    public static GearCodec Instance { get; } = new();

    /// <summary>The cells of the ring for an identity, cell 0 first; true is a marked cell.</summary>
    /// <exception cref="ArgumentException">The identity holds a character outside A-Z, 0-9 and '-',
    /// an empty field, or more than <see cref="MaxIdentityCharacters"/> characters.</exception>
    public IReadOnlyList<bool> Encode(MicrostampIdentity identity) => throw new NotSupportedException("Not written yet.");

    /// <summary>Decodes one read-out of the ring, cell 0 first, exactly <see cref="GearRing.CellsPerRing"/> cells.</summary>
    public GearDecodeResult Decode(IReadOnlyList<CellRead> cells) => throw new NotSupportedException("Not written yet.");

    /// <summary>Combines several read-outs of the same ring (each aligned on the orientation mark) into
    /// one decode. Cells read differently by different reads are treated as unreadable; a read that
    /// disagrees with the identity the others give is reported as <see cref="GearDecodeResult.Contradictory"/>.</summary>
    public GearDecodeResult Fuse(IReadOnlyList<IReadOnlyList<CellRead>> reads) => throw new NotSupportedException("Not written yet.");
}
