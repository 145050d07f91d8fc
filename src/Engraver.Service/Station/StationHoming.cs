using Engraver.Core.Station;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>The operator's way back from an alarm, and the start-of-shift homing: after an alarm the
/// controller is reset first (its buffers and any answers still on the wire are dropped), then unlocked,
/// then homed; the machine allows pins again only after the homing cycle succeeded.</summary>
public static class StationHoming
{
    public static async Task UnlockAndHomeAsync(StationLoop station, GrblClient controller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(controller);
        if (station.Snapshot.State == StationState.Alarm)
        {
            await controller.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await controller.UnlockAsync(cancellationToken).ConfigureAwait(false);
            await station.FireAsync(StationTrigger.Unlock, cancellationToken).ConfigureAwait(false);
        }

        await station.FireAsync(StationTrigger.Home, cancellationToken).ConfigureAwait(false);
        await controller.HomeAsync(cancellationToken).ConfigureAwait(false);
        await station.FireAsync(StationTrigger.Homed, cancellationToken).ConfigureAwait(false);
    }
}
