using System.Collections.Concurrent;

namespace Engraver.Simulator.Grbl;

/// <summary>Faults the simulator injects into the G-code lines it receives. Lines are numbered from 1,
/// counting non-empty G-code lines (not '$' commands) since start or the last soft reset. Each fault
/// fires once.</summary>
public sealed class SimulatorFaults
{
    private readonly ConcurrentDictionary<int, LineFault> _lineFaults = new();
    private readonly ConcurrentDictionary<string, LineFault> _textFaults = new(StringComparer.Ordinal);
    private int _homingFailure;

    /// <summary>Line <paramref name="lineNumber"/> is acknowledged "ok" but never executed, as if noise
    /// had corrupted it into a blank line.</summary>
    public void SkipLine(int lineNumber) => _lineFaults[CheckLine(lineNumber)] = new LineFault(LineFaultKind.Skip, 0);

    /// <summary>Line <paramref name="lineNumber"/> is answered "error:<paramref name="code"/>" and not executed.</summary>
    public void RespondError(int lineNumber, int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(code);
        _lineFaults[CheckLine(lineNumber)] = new LineFault(LineFaultKind.Error, code);
    }

    /// <summary>When line <paramref name="lineNumber"/> arrives the controller raises ALARM:<paramref name="code"/>
    /// as a hard limit does: motion stops at once, buffered lines are dropped, and it stays locked until
    /// $X or $H. Code 1 (hard limit) by default.</summary>
    public void AlarmAtLine(int lineNumber, int code = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(code);
        _lineFaults[CheckLine(lineNumber)] = new LineFault(LineFaultKind.Alarm, code);
    }

    /// <summary>The next received line equal to <paramref name="line"/> (compared as GRBL reads it: no
    /// whitespace, upper case) is acknowledged "ok" but never executed. Lets a test lose one chosen move
    /// of one chosen pin without counting lines.</summary>
    public void SkipLineEqualTo(string line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(line);
        _textFaults[AsReceived(line)] = new LineFault(LineFaultKind.Skip, 0);
    }

    /// <summary>The next homing cycle ends in ALARM:<paramref name="code"/> instead of homing, as the firmware
    /// does when a switch is not found (8: pull-off failed to clear the switch, 9: no switch within the search).</summary>
    public void FailNextHoming(int code = 9)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(code);
        Volatile.Write(ref _homingFailure, code);
    }

    /// <summary>The controller freezes, as a hung main loop does: nothing moves or burns, no line is read
    /// and nothing is answered (not even '?'), until <see cref="EndStall"/>. Only what GRBL handles in its
    /// serial interrupt still acts: a soft reset (0x18) switches the laser off and drops everything
    /// buffered at once; its banner comes once the controller runs again.</summary>
    public void Stall() => SetStalled(true);

    /// <summary>The controller freezes (<see cref="Stall"/>) when line <paramref name="lineNumber"/> arrives,
    /// so a test can freeze it mid-program at a known point.</summary>
    public void StallAtLine(int lineNumber) => _lineFaults[CheckLine(lineNumber)] = new LineFault(LineFaultKind.Stall, 0);

    /// <summary>The frozen controller runs again from where it stopped (or from its reset, if one came).</summary>
    public void EndStall() => SetStalled(false);

    public bool IsStalled => Volatile.Read(ref _stalled) != 0;

    public void Clear()
    {
        Volatile.Write(ref _homingFailure, 0);
        _lineFaults.Clear();
        _textFaults.Clear();
    }

    internal int? TakeHomingFailure() => Interlocked.Exchange(ref _homingFailure, 0) is > 0 and var code ? code : null;

    /// <summary>Raised with the new value when the controller freezes or runs again.</summary>
    internal event Action<bool>? StallChanged;

    private int _stalled;

    private void SetStalled(bool stalled)
    {
        if (Interlocked.Exchange(ref _stalled, stalled ? 1 : 0) != (stalled ? 1 : 0))
        {
            StallChanged?.Invoke(stalled);
        }
    }

    internal LineFault? Take(int lineNumber, string line) =>
        _lineFaults.TryRemove(lineNumber, out var fault) || _textFaults.TryRemove(AsReceived(line), out fault) ? fault : null;

    private static string AsReceived(string line) =>
        string.Concat(line.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    private static int CheckLine(int lineNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lineNumber);
        return lineNumber;
    }
}

internal enum LineFaultKind
{
    Skip,
    Error,
    Alarm,
    Stall,
}

internal sealed record LineFault(LineFaultKind Kind, int ErrorCode);
