namespace Engraver.Core.Microstamp;

/// <summary>A systematic Reed-Solomon code over GF(2^8) with <see cref="ParityLength"/> parity symbols,
/// generator roots 2^0 .. 2^(parity-1) (the convention of QR codes), shortened to any length up to 255.
/// A codeword is the data followed by the parity; symbol i of a codeword of length n is the coefficient
/// of x^(n-1-i). Decoding corrects e errors and f erasures whenever 2e + f &lt;= parity.</summary>
public sealed class ReedSolomon
{
    private readonly byte[] _generator;

    public ReedSolomon(int parityLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parityLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parityLength, 254);
        ParityLength = parityLength;
        _generator = Generator(parityLength);
    }

    public int ParityLength { get; }

    /// <summary>The parity symbols for <paramref name="data"/>: the remainder of data(x) x^parity divided by the generator.</summary>
    public byte[] Parity(ReadOnlySpan<byte> data)
    {
        if (data.Length + ParityLength > 255)
        {
            throw new ArgumentException($"{data.Length} data symbols and {ParityLength} parity symbols exceed the 255 of GF(256).", nameof(data));
        }

        // Long division; the generator is monic, high coefficient first.
        var remainder = new byte[ParityLength];
        foreach (var symbol in data)
        {
            var factor = (byte)(symbol ^ remainder[0]);
            Array.Copy(remainder, 1, remainder, 0, ParityLength - 1);
            remainder[^1] = 0;
            if (factor != 0)
            {
                for (var j = 0; j < ParityLength; j++)
                {
                    remainder[j] ^= GaloisField256.Multiply(_generator[j + 1], factor);
                }
            }
        }

        return remainder;
    }

    /// <summary>Data followed by its parity.</summary>
    public byte[] Encode(ReadOnlySpan<byte> data)
    {
        var codeword = new byte[data.Length + ParityLength];
        data.CopyTo(codeword);
        Parity(data).CopyTo(codeword, data.Length);
        return codeword;
    }

    /// <summary>Corrects <paramref name="codeword"/> in place. <paramref name="erasures"/> are positions
    /// known to be unreliable (their values are ignored). Returns false, leaving the codeword unchanged,
    /// when the errors cannot be located within the code's power; never returns a codeword that fails
    /// its own syndrome check.</summary>
    public bool TryCorrect(Span<byte> codeword, IReadOnlyCollection<int> erasures, out int correctedErrors)
    {
        ArgumentNullException.ThrowIfNull(erasures);
        correctedErrors = 0;
        var n = codeword.Length;
        if (n <= ParityLength || n > 255)
        {
            throw new ArgumentException($"A codeword must be longer than its {ParityLength} parity symbols and at most 255 long, not {n}.", nameof(codeword));
        }

        if (erasures.Count > ParityLength)
        {
            return false;
        }

        var work = codeword.ToArray();
        foreach (var position in erasures)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(position);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, n);
            work[position] = 0;
        }

        var syndromes = Syndromes(work);
        if (syndromes.All(s => s == 0))
        {
            work.CopyTo(codeword);
            return true;
        }

        var erasureLocator = new byte[] { 1 };
        foreach (var position in erasures.Distinct())
        {
            erasureLocator = Polynomial.Multiply(erasureLocator, [1, Locator(position, n)]);
        }

        var locator = BerlekampMassey(syndromes, erasureLocator, erasures.Distinct().Count());
        if (locator is null)
        {
            return false;
        }

        var positions = Roots(locator, n);
        if (positions.Count != Polynomial.Degree(locator))
        {
            return false;
        }

        // Forney: Y = X * Omega(1/X) / Lambda'(1/X) for generator roots starting at 2^0.
        var evaluator = Polynomial.Truncate(Polynomial.Multiply(syndromes, locator), ParityLength);
        var derivative = Polynomial.FormalDerivative(locator);
        var erased = erasures.ToHashSet();
        foreach (var position in positions)
        {
            var x = Locator(position, n);
            var xInverse = GaloisField256.Inverse(x);
            var denominator = Polynomial.Evaluate(derivative, xInverse);
            if (denominator == 0)
            {
                return false;
            }

            var magnitude = GaloisField256.Multiply(x, GaloisField256.Divide(Polynomial.Evaluate(evaluator, xInverse), denominator));
            work[position] ^= magnitude;
            if (!erased.Contains(position) && magnitude != 0)
            {
                correctedErrors++;
            }
        }

        if (Syndromes(work).Any(s => s != 0))
        {
            correctedErrors = 0;
            return false;
        }

        work.CopyTo(codeword);
        return true;
    }

    /// <summary>S_i = r(2^i), low index first.</summary>
    private byte[] Syndromes(byte[] received)
    {
        var syndromes = new byte[ParityLength];
        for (var i = 0; i < ParityLength; i++)
        {
            var x = GaloisField256.Power(i);
            byte value = 0;
            foreach (var symbol in received)
            {
                value = (byte)(GaloisField256.Multiply(value, x) ^ symbol);
            }

            syndromes[i] = value;
        }

        return syndromes;
    }

    // Errors-and-erasures Berlekamp-Massey (Blahut): start from the erasure locator and find the
    // shortest locator of the remaining errors. Null when the errors exceed what the parity can locate.
    private byte[]? BerlekampMassey(byte[] syndromes, byte[] erasureLocator, int erasureCount)
    {
        var lambda = erasureLocator;
        var previous = erasureLocator;
        var length = erasureCount;
        for (var r = erasureCount + 1; r <= ParityLength; r++)
        {
            byte discrepancy = 0;
            for (var j = 0; j < lambda.Length && j <= r - 1; j++)
            {
                discrepancy ^= GaloisField256.Multiply(lambda[j], syndromes[r - 1 - j]);
            }

            var shifted = Polynomial.ShiftUp(previous);
            if (discrepancy == 0)
            {
                previous = shifted;
                continue;
            }

            var next = Polynomial.Add(lambda, Polynomial.Scale(shifted, discrepancy));
            if (2 * length <= r + erasureCount - 1)
            {
                previous = Polynomial.Scale(lambda, GaloisField256.Inverse(discrepancy));
                length = r + erasureCount - length;
            }
            else
            {
                previous = shifted;
            }

            lambda = next;
        }

        var errors = length - erasureCount;
        return Polynomial.Degree(lambda) != length || (2 * errors) + erasureCount > ParityLength ? null : lambda;
    }

    /// <summary>Positions whose locator inverse is a root of the error locator (Chien search over the shortened code).</summary>
    private static List<int> Roots(byte[] locator, int n)
    {
        var positions = new List<int>();
        for (var position = 0; position < n; position++)
        {
            if (Polynomial.Evaluate(locator, GaloisField256.Inverse(Locator(position, n))) == 0)
            {
                positions.Add(position);
            }
        }

        return positions;
    }

    private static byte Locator(int position, int n) => GaloisField256.Power(n - 1 - position);

    private static byte[] Generator(int parity)
    {
        // High coefficient first: (x - 2^0)(x - 2^1)...; kept high-first because Parity divides that way.
        var g = new byte[] { 1 };
        for (var i = 0; i < parity; i++)
        {
            var next = new byte[g.Length + 1];
            var root = GaloisField256.Power(i);
            for (var j = 0; j < g.Length; j++)
            {
                next[j] ^= g[j];
                next[j + 1] ^= GaloisField256.Multiply(g[j], root);
            }

            g = next;
        }

        return g;
    }
}
