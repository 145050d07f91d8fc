using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>The GRBL client's realtime bytes as the station loop sees them. Cycle start resumes a hold
/// only once the controller has finished stopping (GRBL ignores it while a hold or door stop is still
/// decelerating), see <see cref="GrblClient.ResumeAsync"/>.</summary>
public sealed class GrblRealtimeCommands(GrblClient client) : IRealtimeCommands
{
    public Task SendRealtimeAsync(byte command, CancellationToken cancellationToken) =>
        command == GrblRealtime.CycleStart
            ? client.ResumeAsync(cancellationToken)
            : client.SendRealtimeAsync(command, cancellationToken);
}
