using System.Device.Gpio;

namespace Engraver.Simulator.I2c;

/// <summary>A PCF8574 8-bit quasi-bidirectional expander: one byte written sets the latch of P0-P7, one byte
/// read returns the pins. A latch bit of 0 pulls the pin hard to Low; a 1 leaves only a weak pull-up, so the
/// pin reads High unless something outside pulls it Low. That weak High is also how an input is made.
/// Power-on latch: all ones.</summary>
public sealed class SimulatedPcf8574(int busId = 1, int address = 0x20) : SimulatedI2cDevice(busId, address)
{
    private readonly PinValue?[] _driven = new PinValue?[8];
    private byte _latch = 0xFF;

    /// <summary>Drives a pin from outside (a switch to ground drives Low); null releases it.</summary>
    public void Drive(int line, PinValue? level)
    {
        CheckLine(line);
        Locked(() => _driven[line] = level);
    }

    /// <summary>What the chip does to a pin: Low when its latch bit is 0 (it sinks current), else High
    /// through the weak pull-up.</summary>
    public PinValue OutputLevel(int line)
    {
        CheckLine(line);
        return Locked(() => (_latch & (1 << line)) != 0 ? PinValue.High : PinValue.Low);
    }

    /// <summary>Power-on: every latch High (outputs off on active-low wiring, inputs readable).</summary>
    protected override void PowerOff() => _latch = 0xFF;

    protected override void Accept(ReadOnlySpan<byte> written)
    {
        if (!written.IsEmpty)
        {
            _latch = written[^1];
        }
    }

    protected override void Receive(Span<byte> read)
    {
        var value = 0;
        for (var line = 0; line < 8; line++)
        {
            var high = (_latch & (1 << line)) != 0 && _driven[line] != PinValue.Low;
            value |= high ? 1 << line : 0;
        }

        read.Fill((byte)value);
    }

    private static void CheckLine(int line) => ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)line, 7u, nameof(line));
}
