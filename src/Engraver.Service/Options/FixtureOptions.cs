using System.ComponentModel.DataAnnotations;
using Engraver.Core.Fixture;
using Engraver.Core.Geometry;

namespace Engraver.Service.Options;

/// <summary>The pin tray on the machine bed.</summary>
public sealed class FixtureOptions
{
    public const string Section = "Fixture";

    [Range(1, 100)]
    public int Rows { get; set; } = 4;

    [Range(1, 100)]
    public int Columns { get; set; } = 6;

    [Range(1.0, 100.0)]
    public double PitchXMm { get; set; } = 10.0;

    [Range(1.0, 100.0)]
    public double PitchYMm { get; set; } = 10.0;

    [Range(0.0, 1000.0)]
    public double OriginXMm { get; set; } = 20.0;

    [Range(0.0, 1000.0)]
    public double OriginYMm { get; set; } = 20.0;

    /// <summary>Machine Z that puts the pin tip in focus (pin tip height plus the focal length, for the pin profile in use).</summary>
    [Range(-200.0, 200.0)]
    public double FocusZMm { get; set; }

    /// <summary>The machine's XY travel (soft limits); every slot under the laser and under the camera must lie inside.</summary>
    [Range(-2000.0, 2000.0)]
    public double TravelMinXMm { get; set; } = -100.0;

    [Range(-2000.0, 2000.0)]
    public double TravelMaxXMm { get; set; } = 400.0;

    [Range(-2000.0, 2000.0)]
    public double TravelMinYMm { get; set; } = -100.0;

    [Range(-2000.0, 2000.0)]
    public double TravelMaxYMm { get; set; } = 400.0;

    public SoftLimits ToSoftLimits() => new(TravelMinXMm, TravelMaxXMm, TravelMinYMm, TravelMaxYMm);

    public TrayFixture ToFixture() => new(Rows, Columns, PitchXMm, PitchYMm, new Point2(OriginXMm, OriginYMm), FocusZMm);
}
