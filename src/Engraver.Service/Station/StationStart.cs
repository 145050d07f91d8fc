using Engraver.Core.Station;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>The operator's Start and the e-stop's reset, as the routes, the panel and the demo give them. A
/// Start names who gave it before it is fired, so the first pin it lets through already has its operator.
/// The reset soft-resets the controller before the station leaves EStop, so nothing queued before the stop
/// can run; the station then waits, not homed, for Home and Start.</summary>
public static class StationStart
{
    public static async Task StartAsync(StationLoop station, StationRuntime runtime, StationStarter starter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(starter);
        var before = runtime.StartingBy(starter);
        try
        {
            await station.FireAsync(StationTrigger.Start, cancellationToken).ConfigureAwait(false);
        }
        catch (StationRefusedException)
        {
            runtime.StartingBy(before);
            throw;
        }
    }

    /// <summary>Resets a released e-stop; <paramref name="controller"/> is null while the link is down (the
    /// station then leaves EStop for Disconnected and is reset by its reconnection).</summary>
    public static async Task ResetEStopAsync(StationLoop station, GrblClient? controller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        var snapshot = station.Snapshot;
        if (snapshot.State != StationState.EStop)
        {
            throw new StationRefusedException(StationTrigger.EStopReset, snapshot.State, $"there is no e-stop to reset: the station is {snapshot.State}");
        }

        if (!snapshot.Interlocks.EStopReleased)
        {
            throw new StationRefusedException(StationTrigger.EStopReset, snapshot.State, "the e-stop is still pressed; release it first, then reset");
        }

        if (controller is not null)
        {
            // As the unlock does: a soft reset drops the controller's buffers before anything else is allowed.
            await controller.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }

        await station.FireAsync(StationTrigger.EStopReset, cancellationToken).ConfigureAwait(false);
    }
}
