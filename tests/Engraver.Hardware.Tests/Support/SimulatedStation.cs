using Engraver.Core.Firmware;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Simulator.Grbl;

namespace Engraver.Hardware.Tests.Support;

/// <summary>The GRBL simulator on a real pty, a serial link to it and a client, disposed in reverse.</summary>
internal sealed class SimulatedStation : IAsyncDisposable
{
    private SimulatedStation(GrblSimulator simulator, SerialPortLink link, GrblClient client)
    {
        Simulator = simulator;
        Link = link;
        Client = client;
    }

    public GrblSimulator Simulator { get; }

    public SerialPortLink Link { get; }

    public GrblClient Client { get; }

    public static SimulatedStation Open(SimulatorOptions? options = null, GrblClientOptions? clientOptions = null, FirmwareProfile? profile = null)
    {
        var simulator = GrblSimulator.Start(options);
        var link = new SerialPortLink(new SerialLinkOptions { PortName = simulator.PortPath });
        link.Open();
        return new SimulatedStation(simulator, link, new GrblClient(link, profile ?? FirmwareProfiles.Grbl11, clientOptions));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Link.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
