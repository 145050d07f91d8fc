namespace Engraver.Simulator.Grbl;

/// <summary>The words of one block, checked for repeats and unsupported commands.</summary>
internal sealed class GCodeBlock
{
    private readonly HashSet<char> _seen = [];

    private bool _motionSet;
    private bool _unitsSet;
    private bool _distanceSet;
    private bool _spindleSet;

    public int? Motion { get; private set; }

    public bool Dwell { get; private set; }

    /// <summary>G10 was given; <see cref="Coordinates"/> holds its L word.</summary>
    public bool SetsCoordinates { get; private set; }

    public int? Coordinates { get; private set; }

    public bool? Units { get; private set; }

    public bool? Incremental { get; private set; }

    public bool? SpindleOn { get; private set; }

    public double? X { get; private set; }

    public double? Y { get; private set; }

    public double? Z { get; private set; }

    public double? Feed { get; private set; }

    public double? Spindle { get; private set; }

    public double? P { get; private set; }

    public double? I { get; private set; }

    public double? J { get; private set; }

    public double? R { get; private set; }

    public bool HasAxis => X is not null || Y is not null || Z is not null;

    public int Read(IReadOnlyList<GCodeWord> words)
    {
        foreach (var (letter, value) in words)
        {
            var error = letter switch
            {
                'G' => ReadG(value),
                'M' => ReadM(value),
                'N' or 'T' => 0,
                _ => ReadValue(letter, value),
            };
            if (error != 0)
            {
                return error;
            }
        }

        return 0;
    }

    private int ReadG(double value)
    {
        switch (value)
        {
            case 0 or 1 or 2 or 3:
                return Set(ref _motionSet, () => Motion = (int)value);
            case 4:
                Dwell = true;
                return 0;
            case 10:
                SetsCoordinates = true;
                return 0;
            case 20 or 21:
                return Set(ref _unitsSet, () => Units = value == 20);
            case 90 or 91:
                return Set(ref _distanceSet, () => Incremental = value == 91);
            case 17 or 54 or 94:
                return 0;
            default:
                return GrblStatus.UnsupportedCommand;
        }
    }

    private int ReadM(double value) => value switch
    {
        3 or 4 => Set(ref _spindleSet, () => SpindleOn = true),
        5 or 2 or 30 => Set(ref _spindleSet, () => SpindleOn = false),
        8 or 9 => 0,
        _ => GrblStatus.UnsupportedCommand,
    };

    private int ReadValue(char letter, double value)
    {
        if (!_seen.Add(letter))
        {
            return GrblStatus.WordRepeated;
        }

        switch (letter)
        {
            case 'X': X = value; break;
            case 'Y': Y = value; break;
            case 'Z': Z = value; break;
            case 'F': Feed = value; break;
            case 'S': Spindle = value; break;
            case 'P': P = value; break;
            case 'I': I = value; break;
            case 'J': J = value; break;
            case 'R': R = value; break;
            case 'L': Coordinates = (int)value; break;
            default: return GrblStatus.UnsupportedCommand;
        }

        return 0;
    }

    private static int Set(ref bool alreadySet, Action apply)
    {
        if (alreadySet)
        {
            return GrblStatus.ModalGroupViolation;
        }

        alreadySet = true;
        apply();
        return 0;
    }
}
