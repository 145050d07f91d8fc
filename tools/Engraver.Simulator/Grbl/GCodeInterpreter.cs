namespace Engraver.Simulator.Grbl;

/// <summary>What one G-code block asks the machine to do after it was parsed.</summary>
internal sealed record GCodeOutcome(int ErrorCode, PlannedMotion? Motion = null, double DwellSeconds = 0, bool Synchronize = false, IReadOnlyList<PlannedMotion>? ArcMotions = null)
{
    public static GCodeOutcome Error(int code) => new(code);

    public static readonly GCodeOutcome Done = new(0);
}

/// <summary>The G-code parser state of the simulated controller (modal groups, units, distance mode,
/// the G54 work offset) and the meaning of one block. Supports the subset a laser marker uses:
/// G0/G1, G2/G3 (XY plane, I/J centre), G4, G10 L2/L20, G17, G20/G21, G54, G90/G91, G94, M2/M3/M4/M5/M8/M9/M30, F, S, P, L, N.</summary>
internal sealed class GCodeInterpreter(Func<GrblSettings> settings)
{
    private const double MmPerInch = 25.4;

    private int _motionMode;
    private bool _inches;
    private bool _incremental;
    private double _feedMmPerMin;
    private double _spindleSpeed;
    private bool _spindleOn;

    /// <summary>The G54 work coordinate offset (machine = work + offset). Kept across resets, as GRBL
    /// keeps it in EEPROM.</summary>
    public Position3 WorkOffset { get; private set; }

    /// <summary>Where the last parsed block ends, in machine coordinates.</summary>
    public Position3 Position { get; private set; }

    /// <summary>Parser state after power-up or soft reset: modal defaults, position from the machine.</summary>
    public void Reset(Position3 machinePosition)
    {
        _motionMode = 0;
        _inches = false;
        _incremental = false;
        _feedMmPerMin = 0;
        _spindleSpeed = 0;
        _spindleOn = false;
        Position = machinePosition;
    }

    /// <summary>After homing the parser continues from where the machine now is.</summary>
    public void SyncPosition(Position3 machinePosition) => Position = machinePosition;

    public string ModalStateText() =>
        $"[GC:G{_motionMode} G54 G17 {(_inches ? "G20" : "G21")} {(_incremental ? "G91" : "G90")} G94 {(_spindleOn ? "M4" : "M5")} M9 T0 F{_feedMmPerMin:0} S{_spindleSpeed:0}]";

    public GCodeOutcome Execute(IReadOnlyList<GCodeWord> words)
    {
        var block = new GCodeBlock();
        var error = block.Read(words);
        if (error != 0)
        {
            return GCodeOutcome.Error(error);
        }

        if (block.Feed is < 0 || block.Spindle is < 0)
        {
            return GCodeOutcome.Error(GrblStatus.NegativeValue);
        }

        var units = block.Units ?? _inches;
        var scale = units ? MmPerInch : 1.0;
        if (block.Coordinates is not null && !block.SetsCoordinates)
        {
            return GCodeOutcome.Error(GrblStatus.UnsupportedCommand);
        }

        if (block.SetsCoordinates && block.Dwell)
        {
            return GCodeOutcome.Error(GrblStatus.ModalGroupViolation);
        }

        if (block.Dwell && block.P is null)
        {
            return GCodeOutcome.Error(GrblStatus.ValueWordMissing);
        }

        var motion = block.Motion ?? _motionMode;
        if (motion is 2 or 3 && block.HasAxis && block.I is null && block.J is null)
        {
            return GCodeOutcome.Error(block.R is null ? GrblStatus.ArcOffsetMissing : GrblStatus.UnsupportedCommand);
        }

        if (motion is 1 or 2 or 3 && block.HasAxis && !block.SetsCoordinates && (block.Feed ?? _feedMmPerMin) <= 0)
        {
            return GCodeOutcome.Error(GrblStatus.UndefinedFeedRate);
        }

        Position3? newOffset = null;
        if (block.SetsCoordinates)
        {
            if (block.P is not { } p || block.Coordinates is not ({ } l and (2 or 20)))
            {
                return GCodeOutcome.Error(GrblStatus.ValueWordMissing);
            }

            if (p is not (0 or 1))
            {
                return GCodeOutcome.Error(GrblStatus.UnsupportedCoordSys);
            }

            var given = new Position3((block.X ?? 0) * scale, (block.Y ?? 0) * scale, (block.Z ?? 0) * scale);
            var old = WorkOffset;
            newOffset = l == 2
                ? new Position3(block.X is null ? old.X : given.X, block.Y is null ? old.Y : given.Y, block.Z is null ? old.Z : given.Z)
                : new Position3(block.X is null ? old.X : Position.X - given.X, block.Y is null ? old.Y : Position.Y - given.Y, block.Z is null ? old.Z : Position.Z - given.Z);
        }

        // Every check passed: commit the modal changes in GRBL's order of execution.
        if (block.Feed is { } f)
        {
            _feedMmPerMin = f * scale;
        }

        if (block.Spindle is { } s)
        {
            _spindleSpeed = s;
        }

        if (block.SpindleOn is { } on)
        {
            _spindleOn = on;
        }

        _inches = units;
        _incremental = block.Incremental ?? _incremental;
        if (block.Motion is { } m)
        {
            _motionMode = m;
        }

        if (block.Dwell)
        {
            return new GCodeOutcome(0, DwellSeconds: block.P!.Value, Synchronize: true);
        }

        if (newOffset is { } offset)
        {
            WorkOffset = offset;
            return new GCodeOutcome(0, Synchronize: true);
        }

        if (!block.HasAxis)
        {
            return GCodeOutcome.Done;
        }

        var target = Target(block, scale);
        var from = Position;
        Position = target;
        var current = settings();
        var rapid = motion == 0;
        var feed = rapid ? current.RapidRateMmPerMin : Math.Min(_feedMmPerMin, current.RapidRateMmPerMin);
        var power = !rapid && _spindleOn && current.LaserMode ? Math.Clamp(_spindleSpeed / current.MaxSpindleSpeed, 0, 1) : 0;
        if (motion is 2 or 3)
        {
            var points = ArcSegmenter.Points(from, target, from.X + ((block.I ?? 0) * scale), from.Y + ((block.J ?? 0) * scale), clockwise: motion == 2, current.ArcToleranceMm);
            if (points is null)
            {
                Position = from;
                return GCodeOutcome.Error(GrblStatus.InvalidTarget);
            }

            var arc = new List<PlannedMotion>(points.Count);
            var start = from;
            foreach (var point in points)
            {
                arc.Add(new PlannedMotion(start, point, feed, power, power > 0 ? _spindleSpeed : 0));
                start = point;
            }

            return new GCodeOutcome(0, ArcMotions: arc);
        }

        return new GCodeOutcome(0, new PlannedMotion(from, target, feed, power, power > 0 ? _spindleSpeed : 0));
    }

    private Position3 Target(GCodeBlock block, double scale)
    {
        double Axis(double? word, double current, double offset) => word is not { } w
            ? current
            : _incremental ? current + (w * scale) : (w * scale) + offset;

        return new Position3(Axis(block.X, Position.X, WorkOffset.X), Axis(block.Y, Position.Y, WorkOffset.Y), Axis(block.Z, Position.Z, WorkOffset.Z));
    }
}
