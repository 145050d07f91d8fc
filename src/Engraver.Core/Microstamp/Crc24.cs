namespace Engraver.Core.Microstamp;

/// <summary>CRC-24 as OpenPGP defines it (RFC 4880 section 6.1): polynomial 0x864CFB, initial value
/// 0xB704CE, no reflection, no final XOR. It guards the gear code's payload against a Reed-Solomon
/// miscorrection. A blank ring (all zero) does not pass it, because the initial value is not zero.</summary>
public static class Crc24
{
    private const int Polynomial = 0x864CFB;
    private const int Initial = 0xB704CE;

    public static int Compute(ReadOnlySpan<byte> data)
    {
        var crc = Initial;
        foreach (var b in data)
        {
            crc ^= b << 16;
            for (var bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                {
                    crc ^= Polynomial;
                }
            }
        }

        return crc & 0xFFFFFF;
    }
}
