using System.Globalization;
using System.Text;
using Engraver.Core.Geometry;

namespace Engraver.Simulator.Laser;

/// <summary>What a real controller's firmware executed with its laser, read from the executed-motion log
/// the GRBL firmware simulator writes (tools/grbl-peer): "seconds x, y, z, pwm" lines, positions in steps,
/// a line whenever the laser's PWM output changes and every fraction of a millisecond while the axes move.
/// Between two lines the laser burned with the first line's PWM, so each pair with the laser on is a burn.
/// The camera twin can photograph this: what the firmware really did, not what was sent to it.
/// The log is read as it grows; when the firmware restarts it begins a new log, and what was burned
/// before stays burned.</summary>
public sealed class ExecutedMotionLog : IBurnLogSource
{
    /// <summary>The firmware's 8-bit PWM at full power.</summary>
    public const int PwmFull = 255;

    private readonly string _path;
    private readonly Lock _gate = new();
    private double _stepsPerMmX;
    private double _stepsPerMmY;
    private readonly List<BurnSegment> _burns = [];
    private readonly StringBuilder _partialLine = new();
    private long _offset;
    private ExecutedSample? _last;

    /// <param name="path">The log file; it need not exist yet.</param>
    public ExecutedMotionLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
    }

    /// <param name="path">The log file; it need not exist yet.</param>
    /// <param name="stepsPerMmX">The controller's $100.</param>
    /// <param name="stepsPerMmY">The controller's $101.</param>
    public ExecutedMotionLog(string path, double stepsPerMmX, double stepsPerMmY)
        : this(path) => UseStepsPerMm(stepsPerMmX, stepsPerMmY);

    public string Path => _path;

    /// <summary>The controller's steps per millimetre ($100, $101), read when it connects: the log is in steps.</summary>
    public void UseStepsPerMm(double x, double y)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(y);
        lock (_gate)
        {
            _stepsPerMmX = x;
            _stepsPerMmY = y;
        }
    }

    public Point2 MachinePosition
    {
        get
        {
            lock (_gate)
            {
                ReadNewLines();
                return _last is { } last ? ToMm(last) : default;
            }
        }
    }

    public IReadOnlyList<BurnSegment> BurnLogSnapshot()
    {
        lock (_gate)
        {
            ReadNewLines();
            return [.. _burns];
        }
    }

    private void ReadNewLines()
    {
        if (_stepsPerMmX <= 0 || _stepsPerMmY <= 0)
        {
            throw new InvalidOperationException($"The executed-motion log {_path} is in steps: it is read once the controller has said its steps per mm ($100, $101) at connect.");
        }

        if (!File.Exists(_path))
        {
            return;
        }

        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _offset)
        {
            // A new log: the firmware restarted, its position counts from its power-up again.
            _offset = 0;
            _last = null;
            _partialLine.Clear();
        }

        stream.Seek(_offset, SeekOrigin.Begin);
        var buffer = new byte[64 * 1024];
        int count;
        while ((count = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            _offset += count;
            foreach (var c in Encoding.ASCII.GetString(buffer, 0, count))
            {
                if (c == '\n')
                {
                    Add(_partialLine.ToString());
                    _partialLine.Clear();
                }
                else
                {
                    _partialLine.Append(c);
                }
            }
        }
    }

    private void Add(string line)
    {
        if (!ExecutedSample.TryParse(line, out var sample))
        {
            return;
        }

        if (_last is { } from && from.Pwm > 0)
        {
            var start = ToMm(from);
            var end = ToMm(sample);
            var seconds = sample.Seconds - from.Seconds;
            var length = start.DistanceTo(end);
            if (length > 0 && seconds > 0)
            {
                _burns.Add(new BurnSegment(start, end, Math.Clamp((double)from.Pwm / PwmFull, 0, 1), length / seconds * 60));
            }
        }

        _last = sample;
    }

    private Point2 ToMm(ExecutedSample sample) => new(sample.XSteps / _stepsPerMmX, sample.YSteps / _stepsPerMmY);
}

/// <summary>One line of the executed-motion log: machine time, X, Y, Z in steps, laser PWM.</summary>
public readonly record struct ExecutedSample(double Seconds, long XSteps, long YSteps, long ZSteps, int Pwm)
{
    /// <summary>Parses "12.345678 -250, -250, -250, 204"; anything else is not a sample.</summary>
    public static bool TryParse(string line, out ExecutedSample sample)
    {
        sample = default;
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 5
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x)
            || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y)
            || !long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var z)
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var pwm))
        {
            return false;
        }

        sample = new ExecutedSample(seconds, x, y, z, pwm);
        return true;
    }
}
