using System.Collections.Concurrent;

namespace Engraver.Simulator.Grbl;

/// <summary>Faults the simulator injects into the G-code lines it receives. Lines are numbered from 1,
/// counting non-empty G-code lines (not '$' commands) since start or the last soft reset. Each fault
/// fires once.</summary>
public sealed class SimulatorFaults
{
    private readonly ConcurrentDictionary<int, LineFault> _lineFaults = new();

    /// <summary>Line <paramref name="lineNumber"/> is acknowledged "ok" but never executed, as if noise
    /// had corrupted it into a blank line.</summary>
    public void SkipLine(int lineNumber) => _lineFaults[CheckLine(lineNumber)] = new LineFault(LineFaultKind.Skip, 0);

    /// <summary>Line <paramref name="lineNumber"/> is answered "error:<paramref name="code"/>" and not executed.</summary>
    public void RespondError(int lineNumber, int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(code);
        _lineFaults[CheckLine(lineNumber)] = new LineFault(LineFaultKind.Error, code);
    }

    public void Clear() => _lineFaults.Clear();

    internal LineFault? Take(int lineNumber) => _lineFaults.TryRemove(lineNumber, out var fault) ? fault : null;

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
}

internal sealed record LineFault(LineFaultKind Kind, int ErrorCode);
