using System.Diagnostics;
using System.Globalization;

namespace Engraver.Simulator.Grbl;

/// <summary>Executes one cleaned line as GRBL 1.1h does and returns the full reply (info lines, then
/// "ok" or "error:N"). G-code lines are acknowledged once parsed and queued, not once executed; G4 and
/// G10 wait for the planner to empty first, as GRBL's buffer synchronisation does.</summary>
internal sealed class GrblLineExecutor(
    GrblSettings settings,
    GCodeInterpreter interpreter,
    MotionPlanner planner,
    ControllerFlags flags,
    SimulatorFaults faults,
    SimulatorOptions options,
    Overrides? overrides = null)
{
    public const string Ok = "ok\r\n";

    private const int AlarmSoftLimit = 2;

    private string _buildInfo = string.Empty;

    /// <summary>Simulated seconds a homing cycle takes.</summary>
    private const double HomingSeconds = 2.0;

    public async Task<string> ExecuteAsync(string line, bool overflow, CancellationToken cancellationToken)
    {
        if (line.Length == 0 && !overflow)
        {
            return Ok;
        }

        if (line.StartsWith('$'))
        {
            return overflow ? Error(GrblStatus.Overflow) : await SystemCommandAsync(line, cancellationToken).ConfigureAwait(false);
        }

        var lineNumber = flags.NextLineNumber();
        flags.Received(line);
        var fault = faults.Take(lineNumber, line);
        if (fault is { Kind: LineFaultKind.Stall })
        {
            // Frozen as this line arrives; it is executed (and answered) once the controller runs again.
            faults.Stall();
        }
        else if (fault is not null)
        {
            return fault.Kind switch
            {
                LineFaultKind.Skip => Ok,
                LineFaultKind.Alarm => throw new SimulatedAlarmException(fault.ErrorCode),
                _ => Error(fault.ErrorCode),
            };
        }

        if (overflow)
        {
            return Error(GrblStatus.Overflow);
        }

        if (flags.Alarm || planner.IsJogging)
        {
            // GRBL takes no G-code while locked or jogging (protocol.c: STATE_ALARM | STATE_JOG).
            return Error(GrblStatus.SystemGcLock);
        }

        var parseError = GCodeWord.TryParseLine(line, out var words);
        if (parseError != 0)
        {
            return Error(parseError);
        }

        var outcome = interpreter.Execute(words);
        if (outcome.ErrorCode != 0)
        {
            return Error(outcome.ErrorCode);
        }

        foreach (var segment in outcome.ArcMotions ?? [])
        {
            if (settings.SoftLimitsEnabled && !settings.WithinTravel(segment.To))
            {
                throw new SimulatedAlarmException(AlarmSoftLimit);
            }

            await planner.EnqueueAsync(overrides?.Scale(segment) ?? segment, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Motion is { } motion)
        {
            if (settings.SoftLimitsEnabled && !settings.WithinTravel(motion.To))
            {
                // GRBL checks soft limits when a move is planned: it holds, then locks with ALARM:2.
                throw new SimulatedAlarmException(AlarmSoftLimit);
            }

            await planner.EnqueueAsync(overrides?.Scale(motion) ?? motion, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Synchronize)
        {
            await planner.WaitUntilEmptyAsync(cancellationToken).ConfigureAwait(false);
            await DelayAsync(outcome.DwellSeconds, cancellationToken).ConfigureAwait(false);
        }

        return Ok;
    }

    private async Task<string> SystemCommandAsync(string line, CancellationToken cancellationToken)
    {
        var idle = !planner.IsBusy && !planner.IsHeld;
        switch (line)
        {
            case "$":
                return "[HLP:$$ $# $G $I $N $x=val $Nx=line $J=line $SLP $C $X $H ~ ! ? ctrl-x]\r\n" + Ok;
            case "$I":
                return $"[VER:1.1h.20190830:{_buildInfo}]\r\n[OPT:V,{options.PlannerBlocks},{options.RxBufferBytes}]\r\n" + Ok;
            case "$G":
                return interpreter.ModalStateText() + "\r\n" + Ok;
            case "$N":
                return "$N0=\r\n$N1=\r\n" + Ok;
            case "$$":
                return idle ? string.Concat(settings.Lines().Select(l => l + "\r\n")) + Ok : Error(GrblStatus.IdleError);
            case "$#":
                var offset = interpreter.WorkOffset.ToGrbl();
                return $"[G54:{offset}]\r\n[G55:0.000,0.000,0.000]\r\n[G56:0.000,0.000,0.000]\r\n[G57:0.000,0.000,0.000]\r\n" +
                    "[G58:0.000,0.000,0.000]\r\n[G59:0.000,0.000,0.000]\r\n[G28:0.000,0.000,0.000]\r\n[G30:0.000,0.000,0.000]\r\n" +
                    "[G92:0.000,0.000,0.000]\r\n[TLO:0.000]\r\n[PRB:0.000,0.000,0.000:0]\r\n" + Ok;
            case "$X":
                if (!idle)
                {
                    return Error(GrblStatus.IdleError);
                }

                if (!flags.Alarm)
                {
                    return Ok;
                }

                flags.Alarm = false;
                return "[MSG:Caution: Unlocked]\r\n" + Ok;
            case "$H":
                return await HomeAsync(idle, cancellationToken).ConfigureAwait(false);
            case var jog when jog.StartsWith("$J=", StringComparison.Ordinal):
                return await JogAsync(jog[3..], cancellationToken).ConfigureAwait(false);
            case var store when store.StartsWith("$I=", StringComparison.Ordinal):
                // "$I=text" stores the build-info string machines use as their identity (max 80 chars in EEPROM).
                if (store.Length - 3 > 80)
                {
                    return Error(GrblStatus.BuildInfoTooLong);
                }

                _buildInfo = store[3..];
                return Ok;
            default:
                if (line.Length > 1 && char.IsAsciiDigit(line[1]) && line.Contains('=', StringComparison.Ordinal))
                {
                    return idle ? Reply(settings.TryWrite(line[1..])) : Error(GrblStatus.IdleError);
                }

                return Error(GrblStatus.InvalidStatement);
        }
    }

    private async Task<string> JogAsync(string body, CancellationToken cancellationToken)
    {
        if (flags.Alarm)
        {
            return Error(GrblStatus.SystemGcLock);
        }

        var code = JogCommand.TryPlan(body, interpreter, settings, out var motion);
        if (code != 0)
        {
            return Error(code);
        }

        await planner.EnqueueAsync(motion!, cancellationToken).ConfigureAwait(false);
        interpreter.SyncPosition(motion!.To);
        return Ok;
    }

    private async Task<string> HomeAsync(bool idle, CancellationToken cancellationToken)
    {
        if (!settings.HomingEnabled)
        {
            return Error(GrblStatus.SettingDisabled);
        }

        if (!idle)
        {
            return Error(GrblStatus.IdleError);
        }

        flags.Homing = true;
        try
        {
            await DelayAsync(HomingSeconds, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            flags.Homing = false;
        }

        if (faults.TakeHomingFailure() is { } alarm)
        {
            throw new SimulatedAlarmException(alarm);
        }

        // GRBL homes into negative space: machine zero is the far end of the switches, pulled off.
        var home = settings.HomedPosition();
        planner.SetPosition(home);
        interpreter.SyncPosition(home);
        flags.Alarm = false;
        return Ok;
    }

    private async Task DelayAsync(double simulatedSeconds, CancellationToken cancellationToken)
    {
        var seconds = simulatedSeconds * options.TimeScale;
        if (seconds > 0)
        {
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
            planner.Busy.Add(started, Stopwatch.GetTimestamp());
        }
    }

    private static string Reply(int status) => status == 0 ? Ok : Error(status);

    private static string Error(int code) => string.Create(CultureInfo.InvariantCulture, $"error:{code}\r\n");
}

/// <summary>An injected alarm: the controller kills motion, flushes its buffers and locks.</summary>
internal sealed class SimulatedAlarmException(int code) : Exception($"ALARM:{code}")
{
    public int Code { get; } = code;
}
