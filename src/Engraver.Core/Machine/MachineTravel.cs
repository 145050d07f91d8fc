using Engraver.Core.Geometry;

namespace Engraver.Core.Machine;

/// <summary>The machine's travel on three axes as the controller has it ($130-$132 of GRBL or grblHAL), in
/// machine coordinates: [-$130, 0] x [-$131, 0] x [-$132, 0]. <see cref="SoftLimitsEnabled"/> is the
/// controller's $20: with it off the controller itself would drive a target outside into the switches, so the
/// station's own checks are then the only guard.</summary>
public sealed record MachineTravel(AxisTravel X, AxisTravel Y, AxisTravel Z, bool SoftLimitsEnabled)
{
    /// <summary>From the max travel settings, in millimetres, as "$$" lists them.</summary>
    public static MachineTravel FromMaxTravel(double x, double y, double z, bool softLimitsEnabled) =>
        new(new AxisTravel('X', 130, x), new AxisTravel('Y', 131, y), new AxisTravel('Z', 132, z), softLimitsEnabled);

    public bool Contains(Point3 position) => X.Contains(position.X) && Y.Contains(position.Y) && Z.Contains(position.Z);

    /// <summary>One phrase per axis the position is outside of, X first; empty when it is inside.</summary>
    public IReadOnlyList<string> Refuse(Point3 position) =>
        new[] { X.Refuse(position.X), Y.Refuse(position.Y), Z.Refuse(position.Z) }.OfType<string>().ToArray();

    /// <summary>"X -200..0 ($130=200), Y -200..0 ($131=200), Z -50..0 ($132=50)".</summary>
    public string Describe() => $"{X.Describe()}, {Y.Describe()}, {Z.Describe()}";
}
