using Engraver.Core.Geometry;

namespace Engraver.Simulator.Camera;

/// <summary>Faults the camera twin can show, for testing the verifier. Laser faults (low power, a
/// missing stroke, a missing glyph) are applied by the twin as a render-time filter over the burn log,
/// so the controller's own record stays true; debris, a smear and defocus are drawn at render time.</summary>
public sealed record CameraDefects
{
    public static CameraDefects None { get; } = new();

    /// <summary>Every burn's power is multiplied by this (1 = as burned).</summary>
    public double PowerFactor { get; init; } = 1.0;

    /// <summary>Extra focus blur, standard deviation in mm at the object (0 = in focus).</summary>
    public double DefocusMm { get; init; }

    /// <summary>Dark particles lying on the tip face, scattered near the view centre.</summary>
    public int DebrisParticles { get; init; }

    /// <summary>A dark streak smeared across the marking.</summary>
    public bool Smear { get; init; }

    /// <summary>Leave out one stroke (a run of connected burns), counted in burn order among those in
    /// view and taken modulo their number; null leaves every stroke.</summary>
    public int? MissingStroke { get; init; }

    /// <summary>Machine-mm boxes inside which no burn shows (a burn whose middle lies inside is dropped),
    /// as if the laser had been off there: a missing glyph.</summary>
    public IReadOnlyList<MachineBox> ErasedBoxes { get; init; } = [];

    /// <summary>Arcs of the tip face hidden under a dark occlusion (a partial impression, a shadow), as
    /// pin-local angles counter-clockwise from +X about the view centre.</summary>
    public IReadOnlyList<Sector> HiddenSectors { get; init; } = [];

    public bool IsNone => this == None || (PowerFactor == 1.0 && DefocusMm == 0 && DebrisParticles == 0 && !Smear
        && MissingStroke is null && ErasedBoxes.Count == 0 && HiddenSectors.Count == 0);

    public static CameraDefects LowPower(double factor = 0.15) => new() { PowerFactor = factor };

    public static CameraDefects Defocus(double sigmaMm = 0.006) => new() { DefocusMm = sigmaMm };

    public static CameraDefects Debris(int particles = 5) => new() { DebrisParticles = particles };

    public static CameraDefects Smeared() => new() { Smear = true };

    public static CameraDefects WithoutStroke(int index) => new() { MissingStroke = index };

    public static CameraDefects WithoutBox(MachineBox box) => new() { ErasedBoxes = [box] };

    /// <summary>Throws when a value cannot describe a defect, naming it.</summary>
    public void Validate()
    {
        if (!double.IsFinite(PowerFactor) || PowerFactor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PowerFactor), PowerFactor, $"{nameof(PowerFactor)} must be a finite number, zero or above.");
        }

        if (!double.IsFinite(DefocusMm) || DefocusMm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DefocusMm), DefocusMm, $"{nameof(DefocusMm)} must be a finite number, zero or above.");
        }

        if (DebrisParticles is < 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(DebrisParticles), DebrisParticles, $"{nameof(DebrisParticles)} must be from 0 to 1000.");
        }

        ArgumentNullException.ThrowIfNull(ErasedBoxes, nameof(ErasedBoxes));
        ArgumentNullException.ThrowIfNull(HiddenSectors, nameof(HiddenSectors));
    }

    public bool Equals(CameraDefects? other) =>
        other is not null && PowerFactor.Equals(other.PowerFactor) && DefocusMm.Equals(other.DefocusMm)
        && DebrisParticles == other.DebrisParticles && Smear == other.Smear && MissingStroke == other.MissingStroke
        && ErasedBoxes.SequenceEqual(other.ErasedBoxes) && HiddenSectors.SequenceEqual(other.HiddenSectors);

    public override int GetHashCode() => HashCode.Combine(PowerFactor, DefocusMm, DebrisParticles, Smear, MissingStroke, ErasedBoxes.Count);
}

/// <summary>An axis-aligned box in machine millimetres.</summary>
public readonly record struct MachineBox(Point2 Min, Point2 Max)
{
    public bool Contains(Point2 p) => p.X >= Min.X && p.X <= Max.X && p.Y >= Min.Y && p.Y <= Max.Y;
}

/// <summary>An arc of the face: from <see cref="FromDeg"/> counter-clockwise through <see cref="SpanDeg"/>.</summary>
public readonly record struct Sector(double FromDeg, double SpanDeg);
