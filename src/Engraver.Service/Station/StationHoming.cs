using Engraver.Core.Station;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>The operator's way back from an alarm, and the homing cycle itself: after an alarm the
/// controller is reset first (its buffers and any answers still on the wire are dropped), then unlocked,
/// then homed; the machine allows pins again only after the homing cycle succeeded. A cycle that fails never
/// leaves the station in Homing: an alarm leaves it in Alarm, a lost link Disconnected, anything else
/// (an error, no answer in time) not homed, after a soft reset that stops whatever the cycle was doing.</summary>
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

        await HomeAsync(station, controller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <c>$H</c> with the station in Homing. Throws what the controller reported after the station
    /// has left Homing. Cancellation (the station stopping) leaves the state to the stop.</summary>
    public static async Task HomeAsync(StationLoop station, GrblClient controller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(controller);
        await station.FireAsync(StationTrigger.Home, cancellationToken).ConfigureAwait(false);
        try
        {
            await controller.HomeAsync(cancellationToken).ConfigureAwait(false);
            // Every way back from a fault or reset ends with homing: the overrides start again from the recipe as
            // written (a soft reset of the controller resets them too; this covers a controller that kept them).
            await StationOverrides.ResetAsync(controller, cancellationToken).ConfigureAwait(false);
        }
        catch (GrblException failed)
        {
            await LeaveHomingAsync(station, controller, failed, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await station.FireAsync(StationTrigger.Homed, cancellationToken).ConfigureAwait(false);
    }

    private static async Task LeaveHomingAsync(StationLoop station, GrblClient controller, GrblException failed, CancellationToken cancellationToken)
    {
        var trigger = failed switch
        {
            GrblLinkLostException => StationTrigger.LinkLost,
            GrblAlarmException => StationTrigger.AlarmRaised,
            _ => StationTrigger.HomingFailed,
        };
        if (failed is GrblTimeoutException or GrblResetException)
        {
            // The cycle may still be moving the axes: a soft reset stops it (GRBL then raises its own alarm).
            try
            {
                await controller.SendRealtimeAsync(GrblRealtime.SoftReset, cancellationToken).ConfigureAwait(false);
            }
            catch (GrblException)
            {
                // The link is gone as well; the controller monitor reports that.
            }
        }

        try
        {
            await station.FireAsync(trigger, cancellationToken).ConfigureAwait(false);
        }
        catch (StationRefusedException)
        {
            // The station already left Homing (the alarm, the lost link or an e-stop got there first): that state stands.
        }
    }
}
