namespace Engraver.Core.Microstamp;

/// <summary>Polynomials over GF(2^8) as coefficient arrays, lowest degree first.</summary>
internal static class Polynomial
{
    public static byte[] Add(byte[] a, byte[] b)
    {
        var sum = new byte[Math.Max(a.Length, b.Length)];
        for (var i = 0; i < a.Length; i++)
        {
            sum[i] = a[i];
        }

        for (var i = 0; i < b.Length; i++)
        {
            sum[i] ^= b[i];
        }

        return sum;
    }

    public static byte[] Multiply(byte[] a, byte[] b)
    {
        var product = new byte[a.Length + b.Length - 1];
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == 0)
            {
                continue;
            }

            for (var j = 0; j < b.Length; j++)
            {
                product[i + j] ^= GaloisField256.Multiply(a[i], b[j]);
            }
        }

        return product;
    }

    public static byte[] Scale(byte[] a, byte factor) => a.Select(c => GaloisField256.Multiply(c, factor)).ToArray();

    /// <summary>Multiplies by x.</summary>
    public static byte[] ShiftUp(byte[] a) => [0, .. a];

    /// <summary>The polynomial mod x^<paramref name="terms"/>.</summary>
    public static byte[] Truncate(byte[] a, int terms) => a.Length <= terms ? a : a[..terms];

    public static byte Evaluate(byte[] a, byte x)
    {
        byte value = 0;
        for (var i = a.Length - 1; i >= 0; i--)
        {
            value = (byte)(GaloisField256.Multiply(value, x) ^ a[i]);
        }

        return value;
    }

    /// <summary>In characteristic 2 only the odd powers survive differentiation.</summary>
    public static byte[] FormalDerivative(byte[] a)
    {
        if (a.Length <= 1)
        {
            return [0];
        }

        var derivative = new byte[a.Length - 1];
        for (var i = 1; i < a.Length; i += 2)
        {
            derivative[i - 1] = a[i];
        }

        return derivative;
    }

    /// <summary>Highest power with a non-zero coefficient; -1 for the zero polynomial.</summary>
    public static int Degree(byte[] a)
    {
        for (var i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != 0)
            {
                return i;
            }
        }

        return -1;
    }
}
