using System.Globalization;

namespace Engraver.Panel.View;

/// <summary>How far one press of an arrow key jogs the machine: 0.1, 1 or 10 mm, chosen in turn with Ctrl+T; and the
/// direction of each arrow in machine axes (Up = +Y, Right = +X).</summary>
public sealed record JogStep(double Millimetres)
{
    public static IReadOnlyList<double> Sizes { get; } = [0.1, 1, 10];

    /// <summary>The feed of a jog, in mm/min: a 10 mm step takes under a second.</summary>
    public const double FeedMmPerMin = 1000;

    public static JogStep Default { get; } = new(1);

    public JogStep Next() => new(Sizes[(Sizes.ToList().IndexOf(Millimetres) + 1) % Sizes.Count]);

    public (double Dx, double Dy) Move(JogDirection direction) => direction switch
    {
        JogDirection.Up => (0, Millimetres),
        JogDirection.Down => (0, -Millimetres),
        JogDirection.Left => (-Millimetres, 0),
        JogDirection.Right => (Millimetres, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    public override string ToString() => Millimetres.ToString("0.###", CultureInfo.InvariantCulture) + " mm";
}

public enum JogDirection
{
    Up,
    Down,
    Left,
    Right,
}
