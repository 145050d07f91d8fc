using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>The GRBL client's realtime bytes as the station loop sees them.</summary>
public sealed class GrblRealtimeCommands(GrblClient client) : IRealtimeCommands
{
    public Task SendRealtimeAsync(byte command, CancellationToken cancellationToken) => client.SendRealtimeAsync(command, cancellationToken);
}
