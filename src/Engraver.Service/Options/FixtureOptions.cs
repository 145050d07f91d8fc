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

    /// <summary>Centre of slot 0 in machine coordinates. GRBL homes into negative space: after homing the
    /// machine works in [-$130, 0] x [-$131, 0]. The station reads that travel from the controller at connect
    /// and refuses a tray that reaches outside it before anything moves.</summary>
    [Range(-2000.0, 2000.0)]
    public double OriginXMm { get; set; } = -140.0;

    [Range(-2000.0, 2000.0)]
    public double OriginYMm { get; set; } = -150.0;

    /// <summary>Machine Z that puts the pin tip in focus (pin tip height plus the focal length, for the pin
    /// profile in use); within [-$132, 0] after homing.</summary>
    [Range(-1000.0, 1000.0)]
    public double FocusZMm { get; set; } = -5.0;

    /// <summary>Centre of the material-test coupon in machine coordinates (a flat piece of the pins' material
    /// clamped on the bed, away from the tray), where `engraver test-grid` burns its grid; none: no coupon, and
    /// the test refuses to burn.</summary>
    [Range(-2000.0, 2000.0)]
    public double? CouponXMm { get; set; }

    [Range(-2000.0, 2000.0)]
    public double? CouponYMm { get; set; }

    public TrayFixture ToFixture() => new(Rows, Columns, PitchXMm, PitchYMm, new Point2(OriginXMm, OriginYMm), FocusZMm);
}
