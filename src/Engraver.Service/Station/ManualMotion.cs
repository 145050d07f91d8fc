using Engraver.Core.Station;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>An operator's own move (a jog, a go-to-slot, a framing trace): only with the station Idle, homed, the
/// door closed, the e-stop released and no job running, and never at the same time as a pin. The station worker
/// takes <see cref="Gate"/> while it runs pins from the queue; a manual move takes it for its own length, so
/// neither can start while the other moves the machine.</summary>
public sealed class ManualMotion
{
    /// <summary>How long a manual move waits for the queue to let go of the machine before it is refused.</summary>
    private static readonly TimeSpan GateWait = TimeSpan.FromSeconds(2);

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Why an operator's move may not start now, in words; null when it may.</summary>
    public static string? RefusedBecause(StationSnapshot station, JobStatus? job)
    {
        ArgumentNullException.ThrowIfNull(station);
        if (!station.Interlocks.EStopReleased)
        {
            return "the e-stop is pressed: " + StationActions.ReleaseEStop;
        }

        if (!station.Interlocks.DoorClosed)
        {
            return "the door is open: close it first";
        }

        if (job is { State: "Running" })
        {
            return $"job {job.JobId} is running: pause it first (F3 / POST /api/jobs/{job.JobId}/pause)";
        }

        if (station.State != StationState.Idle)
        {
            return $"the station is {station.State}, not Idle";
        }

        if (!station.HomedSinceReset)
        {
            return "the machine is not homed since the last reset: " + StationActions.Home;
        }

        return null;
    }

    /// <summary>Runs <paramref name="move"/> when <see cref="RefusedBecause"/> allows it and the queue is not using the
    /// machine; otherwise throws <see cref="ManualMotionRefusedException"/> naming why, with nothing sent. The move
    /// runs under the station loop's watch (<see cref="ManualMoveWatch"/>) and is given its token: the door opening,
    /// the e-stop, a lost link or an alarm stops it at once, and it then throws
    /// <see cref="ManualMotionStoppedException"/> saying where the machine stopped (<see cref="StoppedMove"/>); the
    /// rest of the move is dropped, never resumed.</summary>
    public async Task<T> RunAsync<T>(
        string what, ManualMoveKind kind, StationLoop loop, Func<JobStatus?> job, Func<GrblClient?> controller,
        Func<CancellationToken, Task<T>> move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(move);
        Refuse(what, loop.Snapshot, job());
        if (!await Gate.WaitAsync(GateWait, cancellationToken).ConfigureAwait(false))
        {
            throw new ManualMotionRefusedException($"{what} refused: the station is taking pins from the queue. Nothing was sent.");
        }

        try
        {
            // Looked at again: a pin may have started, or the door opened, while this waited.
            Refuse(what, loop.Snapshot, job());
            using var watch = await loop.WatchAsync(kind, cancellationToken).ConfigureAwait(false);
            if (watch is { StoppedBeforeStart: true, StoppedBecause: { } already })
            {
                throw new ManualMotionRefusedException($"{what} refused: {already}. Nothing was sent.");
            }

            T result;
            try
            {
                result = await move(watch.Token).ConfigureAwait(false);
            }
            catch (Exception stopped) when (stopped is not ManualMotionRefusedException)
            {
                await loop.UnwatchAsync(watch, cancellationToken).ConfigureAwait(false);
                if (watch.StoppedBecause is not { } why)
                {
                    throw;
                }

                throw new ManualMotionStoppedException(await StoppedMove.SettleAsync(what, why, controller, cancellationToken).ConfigureAwait(false));
            }

            await loop.UnwatchAsync(watch, cancellationToken).ConfigureAwait(false);
            if (watch.StoppedBecause is { } late)
            {
                // Stopped as it ended: the stop bytes may have left the controller held all the same.
                throw new ManualMotionStoppedException(await StoppedMove.SettleAsync(what, late, controller, cancellationToken).ConfigureAwait(false));
            }

            return result;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void Refuse(string what, StationSnapshot station, JobStatus? job)
    {
        if (RefusedBecause(station, job) is { } why)
        {
            throw new ManualMotionRefusedException($"{what} refused: {why}. Nothing was sent.");
        }
    }
}

/// <summary>An operator's move was not started (the station's state, the door, a running job) or its target is
/// out of reach; the message says why, and that nothing was sent.</summary>
public sealed class ManualMotionRefusedException(string why) : InvalidOperationException(why);

/// <summary>An operator's move was stopped under way (the door, the e-stop, a lost link, an alarm); the message says
/// what stopped it, where the machine stopped and what comes next.</summary>
public sealed class ManualMotionStoppedException(string what) : InvalidOperationException(what);
