using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;

namespace Engraver.Service.Station;

/// <summary>One session with the laser controller: the serial link, the GRBL client on it and what the
/// controller said at the handshake. When the link is lost the whole connection is disposed and a new one
/// is opened on the same port.</summary>
public sealed class ControllerConnection(ISerialLink link, GrblClient client, GrblConnection facts) : IAsyncDisposable
{
    public GrblClient Client { get; } = client;

    /// <summary>What the controller reported when this session began (banner, version, buffers).</summary>
    public GrblConnection Facts { get; } = facts;

    /// <summary>The device this session is on (/dev/ttyUSB0, the twin's pty).</summary>
    public string Port => link.Name;

    /// <summary>Closes the client first (its reader stops), then the port itself, so the device can be opened again.</summary>
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        await link.DisposeAsync().ConfigureAwait(false);
    }
}
