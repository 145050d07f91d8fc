using Engraver.Core.Station;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Service.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>Brings the controller link up through the station loop (Disconnected -> Connecting -> Idle, not
/// homed). After a lost link it keeps trying on the same port, waiting <see cref="ControllerOptions.ReconnectDelayMs"/>
/// at first and twice as long after each failed attempt up to <see cref="ControllerOptions.ReconnectMaxDelayMs"/>;
/// each failure is shown with the time of the next try. It never homes: motion waits for an operator.</summary>
public sealed partial class ControllerConnector(
    StationRigFactory rigs,
    IOptions<ControllerOptions> options,
    StationRuntime runtime,
    TimeProvider clock,
    ILogger<ControllerConnector> logger)
{
    // How often a station held in a state that waits for a person (an e-stop) is looked at again.
    private static readonly TimeSpan HeldPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Connects once; a failure is thrown (the service's first connection, as at every start).</summary>
    public Task<ControllerConnection> ConnectOnceAsync(StationLoop loop, StationDevices devices, CancellationToken cancellationToken) =>
        AttemptAsync(loop, devices, cancellationToken);

    /// <summary>Connects again after <paramref name="lost"/>, retrying with back-off until it succeeds or the station stops.</summary>
    public async Task<ControllerConnection> ReconnectAsync(StationLoop loop, StationDevices devices, ControllerLinkDown lost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(lost);
        var delay = TimeSpan.FromMilliseconds(options.Value.ReconnectDelayMs);
        var maxDelay = TimeSpan.FromMilliseconds(Math.Max(options.Value.ReconnectMaxDelayMs, options.Value.ReconnectDelayMs));
        var attempt = 0;
        while (true)
        {
            runtime.ShowLinkDown(lost with { NextAttemptAt = clock.GetUtcNow() + delay });
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            attempt++;
            try
            {
                var connection = await AttemptAsync(loop, devices, cancellationToken).ConfigureAwait(false);
                LogReconnected(logger, connection.Port, attempt);
                return connection;
            }
            catch (Exception failed) when (failed is GrblException or SerialLinkException && !cancellationToken.IsCancellationRequested)
            {
                LogAttemptFailed(logger, lost.Port, attempt, failed.Message);
                lost = lost with { LastAttemptFailure = failed.Message };
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
            }
        }
    }

    private async Task<ControllerConnection> AttemptAsync(StationLoop loop, StationDevices devices, CancellationToken cancellationToken)
    {
        // A station held by an e-stop when its link went stays held: the e-stop's reset leads to Disconnected.
        while (loop.Snapshot.State != StationState.Disconnected)
        {
            await Task.Delay(HeldPoll, clock, cancellationToken).ConfigureAwait(false);
        }

        await loop.FireAsync(StationTrigger.Connect, cancellationToken).ConfigureAwait(false);
        ControllerConnection connection;
        try
        {
            connection = await rigs.ConnectAsync(devices, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failed) when (failed is GrblException or SerialLinkException)
        {
            await loop.FireAsync(StationTrigger.LinkLost, cancellationToken).ConfigureAwait(false);
            throw;
        }

        try
        {
            await loop.FireAsync(StationTrigger.Connected, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconnecting to {Port}: attempt {Attempt} failed: {Why}")]
    private static partial void LogAttemptFailed(ILogger logger, string port, int attempt, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller link to {Port} back after {Attempts} attempts; the station waits to be homed")]
    private static partial void LogReconnected(ILogger logger, string port, int attempts);
}
