using System.Device.I2c;

namespace Engraver.Simulator.I2c;

/// <summary>An I2C device on a simulated bus, for the real expander bindings to talk to. Two faults: the
/// device <see cref="Unplugged"/> (unpowered: every transfer fails, and its latches are lost, so it comes
/// back in its power-on state) and <see cref="FailNextTransfers"/> (noise on the bus: the device keeps its
/// state). A failed transfer throws as Linux's i2c-dev does when no device acknowledges.</summary>
public abstract class SimulatedI2cDevice(int busId, int address) : I2cDevice
{
    private readonly Lock _gate = new();

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    private bool _unplugged;
    private int _failNext;

    /// <summary>Set to make the device vanish from the bus (cable pulled, board unpowered): its outputs lose
    /// power and its registers return to their power-on values.</summary>
    public bool Unplugged
    {
        get => _unplugged;
        set
        {
            lock (_gate)
            {
                _unplugged = value;
                if (value)
                {
                    PowerOff();
                }
            }
        }
    }

    /// <summary>How many transfers have failed because the device was unplugged.</summary>
    public int FailedTransfers { get; private set; }

    /// <summary>Makes the next <paramref name="count"/> transfers fail while the device keeps its state.</summary>
    public void FailNextTransfers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _failNext = count;
        }
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            Present();
            Receive(buffer);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            Present();
            Accept(buffer);
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            Present();
            Accept(writeBuffer);
            Receive(readBuffer);
        }
    }

    /// <summary>Runs <paramref name="change"/> under the bus lock, so the outside world never changes a pin
    /// in the middle of a transfer.</summary>
    protected T Locked<T>(Func<T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            return change();
        }
    }

    /// <summary>Returns every register to its power-on value.</summary>
    protected abstract void PowerOff();

    /// <summary>The bytes the controller sent in one write transaction.</summary>
    protected abstract void Accept(ReadOnlySpan<byte> written);

    /// <summary>Fills the bytes the controller reads in one read transaction.</summary>
    protected abstract void Receive(Span<byte> read);

    private void Present()
    {
        if (_unplugged || _failNext > 0)
        {
            _failNext = Math.Max(0, _failNext - 1);
            FailedTransfers++;
            throw new IOException($"Error 121 performing I2C data transfer: no device acknowledges address 0x{ConnectionSettings.DeviceAddress:X2} on bus {ConnectionSettings.BusId}.");
        }
    }
}
