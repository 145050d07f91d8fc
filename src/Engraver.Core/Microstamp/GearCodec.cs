using System.Buffers.Binary;
using Engraver.Core.Identity;

namespace Engraver.Core.Microstamp;

/// <summary>The gear code: an identity packed into 20 bytes, guarded by a CRC-24, protected by a
/// Reed-Solomon code over GF(2^8) (52 symbols, 23 of data, 29 of parity) and laid out 8 cells per
/// symbol, most significant bit first, in cell order around the ring. A contiguous missing arc thus
/// erases a run of whole symbols; one codeword spans the whole ring, so where the arc falls does not
/// matter and no interleaving is needed. The last 4 cells carry no data and are always blank.
/// <para>Tolerance: any contiguous 40% of the ring unreadable plus 3 wrong cells, or up to 14 wrong
/// symbols with nothing unreadable (in general 2 x wrong symbols + unreadable symbols &lt;= 29). A
/// read-out beyond that comes out <see cref="GearDecodeResult.Undecodable"/> unless a Reed-Solomon
/// miscorrection also passes the CRC-24 and the packing rules (chance below 2^-24).</para></summary>
public sealed class GearCodec
{
    /// <summary>Make, model and serial together may hold this many characters.</summary>
    public const int MaxIdentityCharacters = 28;

    public const int SymbolCount = 52;

    public const int ParitySymbols = 29;

    public const int DataSymbols = SymbolCount - ParitySymbols;

    private const int PayloadBytes = 20;
    private const int CrcBytes = 3;
    private const int BitsPerSymbol = 8;

    private readonly ReedSolomon _code = new(ParitySymbols);

    public static GearCodec Instance { get; } = new();

    /// <summary>The cells of the ring for an identity, cell 0 first; true is a marked cell.</summary>
    /// <exception cref="ArgumentException">The identity holds a character outside A-Z, 0-9 and '-',
    /// an empty field, or more than <see cref="MaxIdentityCharacters"/> characters.</exception>
    public IReadOnlyList<bool> Encode(MicrostampIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var data = new byte[DataSymbols];
        IdentityPacking.Pack(identity, PayloadBytes, MaxIdentityCharacters).CopyTo(data, 0);
        WriteCrc(data);
        var codeword = _code.Encode(data);
        var cells = new bool[GearRing.CellsPerRing];
        for (var cell = 0; cell < SymbolCount * BitsPerSymbol; cell++)
        {
            cells[cell] = (codeword[cell / BitsPerSymbol] & (0x80 >> (cell % BitsPerSymbol))) != 0;
        }

        return cells;
    }

    /// <summary>Decodes one read-out of the ring, cell 0 first, exactly <see cref="GearRing.CellsPerRing"/> cells.</summary>
    /// <exception cref="ArgumentException">The read-out does not have one entry per cell.</exception>
    public GearDecodeResult Decode(IReadOnlyList<CellRead> cells)
    {
        RequireRingLength(cells, nameof(cells));
        var codeword = new byte[SymbolCount];
        var erasures = new List<int>();
        for (var symbol = 0; symbol < SymbolCount; symbol++)
        {
            for (var bit = 0; bit < BitsPerSymbol; bit++)
            {
                var read = cells[(symbol * BitsPerSymbol) + bit];
                if (read == CellRead.Unreadable)
                {
                    erasures.Add(symbol);
                    break;
                }

                if (read == CellRead.Mark)
                {
                    codeword[symbol] |= (byte)(0x80 >> bit);
                }
            }
        }

        if (erasures.Count > ParitySymbols)
        {
            return new GearDecodeResult.Undecodable(
                $"{erasures.Count} of {SymbolCount} code symbols hold unreadable cells; the code can restore at most {ParitySymbols}");
        }

        if (!_code.TryCorrect(codeword, erasures, out var corrected))
        {
            return new GearDecodeResult.Undecodable(
                $"too many wrong cells to correct alongside {erasures.Count} unreadable symbol(s) (2 x wrong symbols + unreadable symbols must be at most {ParitySymbols})");
        }

        var data = codeword.AsSpan(0, DataSymbols);
        if (!CrcMatches(data))
        {
            return new GearDecodeResult.Undecodable("the corrected code fails its CRC-24 check, so the read-out was corrupted beyond what the code can correct");
        }

        var identity = IdentityPacking.TryUnpack(data[..PayloadBytes], MaxIdentityCharacters, out var reason);
        return identity is null
            ? new GearDecodeResult.Undecodable($"the code checks out but {reason}")
            : new GearDecodeResult.Decoded(identity, corrected, erasures.Count);
    }

    /// <summary>Combines several read-outs of the same ring (each aligned on the orientation mark) into
    /// one decode. Cells read differently by different reads are treated as unreadable; a read that
    /// disagrees with the identity the others give is reported as <see cref="GearDecodeResult.Contradictory"/>.</summary>
    /// <exception cref="ArgumentException">No reads, or a read without one entry per cell.</exception>
    public GearDecodeResult Fuse(IReadOnlyList<IReadOnlyList<CellRead>> reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        if (reads.Count == 0)
        {
            throw new ArgumentException("Fusion needs at least one read-out.", nameof(reads));
        }

        for (var i = 0; i < reads.Count; i++)
        {
            RequireRingLength(reads[i], $"{nameof(reads)}[{i}]");
        }

        return new GearFusion(this).Fuse(reads);
    }

    private static void WriteCrc(byte[] data)
    {
        var crc = Crc24.Compute(data.AsSpan(0, PayloadBytes));
        data[PayloadBytes] = (byte)(crc >> 16);
        data[PayloadBytes + 1] = (byte)(crc >> 8);
        data[PayloadBytes + 2] = (byte)crc;
    }

    private static bool CrcMatches(ReadOnlySpan<byte> data)
    {
        Span<byte> stored = stackalloc byte[4];
        data.Slice(PayloadBytes, CrcBytes).CopyTo(stored[1..]);
        return Crc24.Compute(data[..PayloadBytes]) == BinaryPrimitives.ReadInt32BigEndian(stored);
    }

    private static void RequireRingLength(IReadOnlyList<CellRead>? cells, string name)
    {
        ArgumentNullException.ThrowIfNull(cells, name);
        if (cells.Count != GearRing.CellsPerRing)
        {
            throw new ArgumentException($"A read-out of the gear ring needs {GearRing.CellsPerRing} cells, cell 0 first; {name} has {cells.Count}.", name);
        }
    }
}
