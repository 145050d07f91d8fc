namespace Engraver.Core.Microstamp;

/// <summary>Arithmetic in GF(2^8) built on the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D)
/// with generator 2, the field of QR codes and of most Reed-Solomon references, so their published
/// vectors test this code.</summary>
public static class GaloisField256
{
    public const int Primitive = 0x11D;

    private static readonly byte[] Exp = BuildExp();
    private static readonly int[] Log = BuildLog();

    /// <summary>2 raised to <paramref name="power"/> (any integer; the group has order 255).</summary>
    public static byte Power(int power) => Exp[((power % 255) + 255) % 255];

    public static byte Multiply(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];

    public static byte Divide(byte a, byte b)
    {
        if (b == 0)
        {
            throw new DivideByZeroException("Division by zero in GF(256).");
        }

        return a == 0 ? (byte)0 : Exp[Log[a] + 255 - Log[b]];
    }

    public static byte Inverse(byte a) => Divide(1, a);

    /// <summary>Discrete logarithm base 2; undefined for 0.</summary>
    public static int Logarithm(byte a) =>
        a == 0 ? throw new ArgumentOutOfRangeException(nameof(a), "Zero has no logarithm.") : Log[a];

    // Doubled so that Log[a] + Log[b] never needs a modulo.
    private static byte[] BuildExp()
    {
        var exp = new byte[512];
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            exp[i] = (byte)x;
            x <<= 1;
            if (x >= 256)
            {
                x ^= Primitive;
            }
        }

        for (var i = 255; i < 512; i++)
        {
            exp[i] = exp[i - 255];
        }

        return exp;
    }

    // Runs after Exp is built: static fields initialise in the order they are written.
    private static int[] BuildLog()
    {
        var log = new int[256];
        for (var i = 0; i < 255; i++)
        {
            log[Exp[i]] = i;
        }

        return log;
    }
}
