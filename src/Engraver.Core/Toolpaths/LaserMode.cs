namespace Engraver.Core.Toolpaths;

/// <summary>How the laser's power follows the motion. GRBL in laser mode ($32=1): dynamic (M4) scales the power
/// with the actual speed, so corners and the ends of strokes are not overburned; constant (M3) keeps it fixed.</summary>
public enum LaserMode
{
    /// <summary>M4: power scaled with the speed.</summary>
    Dynamic,

    /// <summary>M3: the same power whatever the speed.</summary>
    Constant,
}
