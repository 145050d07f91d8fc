using Engraver.Core.Geometry;

namespace Engraver.Simulator.Laser;

/// <summary>What the simulated controller did with its laser, as the camera twin sees it.</summary>
public interface IBurnLogSource
{
    /// <summary>Every laser-on segment executed since the simulator started, oldest first.</summary>
    IReadOnlyList<BurnSegment> BurnLogSnapshot();

    /// <summary>The machine position (X, Y) of the laser head now.</summary>
    Point2 MachinePosition { get; }

    /// <summary>The machine Z of the head now, when the source knows it (null: the camera stays in focus).</summary>
    double? MachineZ => null;
}
