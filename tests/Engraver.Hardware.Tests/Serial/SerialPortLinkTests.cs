using System.Text;
using Engraver.Hardware.Serial;
using Engraver.Simulator.Grbl;

namespace Engraver.Hardware.Tests.Serial;

public sealed class SerialPortLinkTests
{
    [Fact]
    public async Task Bytes_written_reach_the_simulator_and_its_reply_comes_back_over_the_pty()
    {
        await using var simulator = GrblSimulator.Start();
        await using var link = new SerialPortLink(new SerialLinkOptions { PortName = simulator.PortPath });
        link.Open();

        await link.WriteAsync("$I\n"u8.ToArray(), CancellationToken.None);
        var received = await ReadUntilAsync(link, "ok\r\n");

        Assert.Contains("[VER:1.1h.20190830:]", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_read_ends_when_its_token_is_cancelled()
    {
        await using var simulator = GrblSimulator.Start();
        await using var link = new SerialPortLink(new SerialLinkOptions { PortName = simulator.PortPath });
        link.Open();
        using var cancel = new CancellationTokenSource();

        var read = link.ReadAsync(new byte[64], cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public async Task A_closed_simulator_looks_like_an_unplugged_cable()
    {
        var simulator = GrblSimulator.Start();
        await using var link = new SerialPortLink(new SerialLinkOptions { PortName = simulator.PortPath });
        link.Open();

        var read = link.ReadAsync(new byte[64], CancellationToken.None).AsTask();
        await simulator.DisposeAsync();

        var error = await Assert.ThrowsAsync<SerialLinkException>(async () =>
        {
            while (await read > 0)
            {
                read = link.ReadAsync(new byte[64], CancellationToken.None).AsTask();
            }

            throw new SerialLinkException("end of stream");
        });
        Assert.Contains(simulator.PortPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_missing_device_names_it()
    {
        await using var link = new SerialPortLink(new SerialLinkOptions { PortName = "/dev/does-not-exist-42" });

        var error = Assert.Throws<SerialLinkException>(link.Open);

        Assert.Contains("/dev/does-not-exist-42", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> ReadUntilAsync(ISerialLink link, string end)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            var count = await link.ReadAsync(buffer, CancellationToken.None);
            text.Append(Encoding.ASCII.GetString(buffer, 0, count));
        }

        return text.ToString();
    }
}
