using System.Device.Gpio;

namespace Engraver.Simulator.I2c;

/// <summary>An MCP23017 16-bit I/O expander as the datasheet describes its registers in the power-on bank
/// layout (IOCON.BANK = 0: port A and B registers interleaved, the address pointer counting up through
/// them): IODIR (1 = input, all inputs at power-on), IPOL (inverts inputs), GPPU (100 kOhm pull-ups),
/// GPIO (reads the pins, writes the latch) and OLAT (the output latch). Lines 0-7 are GPA0-7, 8-15 GPB0-7.
/// The interrupt registers are stored but raise nothing: the station polls expanders.</summary>
public sealed class SimulatedMcp23017(int busId = 1, int address = 0x20) : SimulatedI2cDevice(busId, address)
{
    private const int IoDir = 0x00;
    private const int IPol = 0x02;
    private const int IoCon = 0x0A;
    private const int GpPu = 0x0C;
    private const int Gpio = 0x12;
    private const int OLat = 0x14;
    private const int RegisterCount = 0x16;
    private const byte BankBit = 0x80;

    private readonly byte[] _registers = [0xFF, 0xFF, .. new byte[RegisterCount - 2]];
    private readonly PinValue?[] _driven = new PinValue?[16];
    private int _pointer;

    /// <summary>Drives a pin from outside (a switch to ground drives Low); null releases it, and then the pin
    /// reads High only when its pull-up is on.</summary>
    public void Drive(int line, PinValue? level)
    {
        CheckLine(line);
        Locked(() => _driven[line] = level);
    }

    /// <summary>The level the chip drives on a pin, or null while the pin is an input (high impedance).</summary>
    public PinValue? OutputLevel(int line)
    {
        CheckLine(line);
        return Locked<PinValue?>(() => IsInput(line) ? null : Bit(OLat, line) ? PinValue.High : PinValue.Low);
    }

    /// <summary>Whether the pin is an input (IODIR bit set).</summary>
    public bool IsInputPin(int line)
    {
        CheckLine(line);
        return Locked(() => IsInput(line));
    }

    /// <summary>Whether the pin's pull-up is on (GPPU bit set).</summary>
    public bool PullUpOn(int line)
    {
        CheckLine(line);
        return Locked(() => Bit(GpPu, line));
    }

    protected override void Accept(ReadOnlySpan<byte> written)
    {
        if (written.IsEmpty)
        {
            return;
        }

        _pointer = written[0] < RegisterCount
            ? written[0]
            : throw new IOException($"MCP23017: no register 0x{written[0]:X2}.");
        foreach (var value in written[1..])
        {
            Store(_pointer, value);
            _pointer = (_pointer + 1) % RegisterCount;
        }
    }

    protected override void Receive(Span<byte> read)
    {
        for (var i = 0; i < read.Length; i++)
        {
            read[i] = Load(_pointer);
            _pointer = (_pointer + 1) % RegisterCount;
        }
    }

    /// <summary>Power-on: every pin an input, no pull-ups, latches Low.</summary>
    protected override void PowerOff()
    {
        Array.Clear(_registers);
        _registers[IoDir] = 0xFF;
        _registers[IoDir + 1] = 0xFF;
        _pointer = 0;
    }

    private void Store(int register, byte value)
    {
        switch (register)
        {
            case IoCon or IoCon + 1 when (value & BankBit) != 0:
                throw new NotSupportedException("The simulated MCP23017 models the power-on register layout (IOCON.BANK = 0) only.");
            case IoCon or IoCon + 1:
                _registers[IoCon] = _registers[IoCon + 1] = value;
                break;
            case Gpio or Gpio + 1:
                // Writing GPIO writes the output latch.
                _registers[register + (OLat - Gpio)] = value;
                break;
            default:
                _registers[register] = value;
                break;
        }
    }

    private byte Load(int register) => register is Gpio or Gpio + 1 ? Pins(register - Gpio) : _registers[register];

    /// <summary>Port A (0) or B (1) as the GPIO register reads it: outputs read their latch, inputs the pin
    /// (driven level, else the pull-up, else Low), inverted where IPOL says so.</summary>
    private byte Pins(int port)
    {
        var value = 0;
        for (var bit = 0; bit < 8; bit++)
        {
            var line = (port * 8) + bit;
            bool high;
            if (IsInput(line))
            {
                high = _driven[line] is { } level ? level == PinValue.High : Bit(GpPu, line);
                high ^= Bit(IPol, line);
            }
            else
            {
                high = Bit(OLat, line);
            }

            value |= high ? 1 << bit : 0;
        }

        return (byte)value;
    }

    private bool IsInput(int line) => Bit(IoDir, line);

    private bool Bit(int registerA, int line) => (_registers[registerA + (line / 8)] & (1 << (line % 8))) != 0;

    private static void CheckLine(int line) => ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)line, 15u, nameof(line));
}
