using Engraver.Core.Geometry;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using OpenCvSharp;

namespace Engraver.Vision.Tests;

public sealed class BurnLogRendererTests
{
    private static readonly Point2 Centre = new(1, 1);
    private static readonly BurnRenderSettings Small = new() { WidthPx = 256, HeightPx = 256 };

    [Fact]
    public void Stronger_power_burns_darker()
    {
        var renderer = new BurnLogRenderer(Small);
        BurnSegment[] burns =
        [
            new(Centre + new Point2(-0.1, 0.1), Centre + new Point2(0.1, 0.1), 0.3, 600),
            new(Centre + new Point2(-0.1, -0.1), Centre + new Point2(0.1, -0.1), 0.9, 600),
        ];

        using var image = renderer.Render(burns, Centre, [], noiseSeed: 7);

        // 0.1 mm at 0.002 mm per pixel is 50 rows from the centre.
        var faint = MeanAround(image, row: 127 - 50);
        var strong = MeanAround(image, row: 127 + 50);
        var metal = MeanAround(image, row: 127);
        Assert.True(strong < faint - 20, $"strong {strong}, faint {faint}");
        Assert.True(faint < metal - 10, $"faint {faint}, metal {metal}");
    }

    [Fact]
    public void Mark_is_as_wide_as_the_spot()
    {
        var renderer = new BurnLogRenderer(Small with { NoiseSigma = 0, FocusBlurSigmaPx = 0, SpotSizeMm = 0.02 });
        BurnSegment[] burns = [new(Centre + new Point2(0, -0.1), Centre + new Point2(0, 0.1), 1.0, 600)];

        using var image = renderer.Render(burns, Centre, [], noiseSeed: 7);

        // A vertical line 0.02 mm wide is 10 pixels across the centre row, measured at half depth.
        var metal = image.At<byte>(127, 20);
        var core = image.At<byte>(127, 127);
        var halfway = (metal + core) / 2;
        var darkColumns = Enumerable.Range(0, image.Cols).Count(col => image.At<byte>(127, col) < halfway);
        Assert.InRange(darkColumns, 9, 11);
    }

    [Fact]
    public void Tip_face_is_brighter_than_the_metal_around_it_and_has_a_dark_rim()
    {
        var renderer = new BurnLogRenderer(Small with { TipDiameterMm = 0.4, NoiseSigma = 0 });

        using var image = renderer.Render([], Centre, [Centre], noiseSeed: 7);

        // Radius 0.2 mm is 100 pixels: face at the centre, rim just outside it at 101, bare metal at 120.
        var face = image.At<byte>(127, 127);
        var rim = image.At<byte>(127, 127 + 101);
        var outside = image.At<byte>(127, 127 + 120);
        Assert.True(face > outside + 8, $"face {face}, outside {outside}");
        Assert.True(rim < outside - 40, $"rim {rim}, outside {outside}");
    }

    [Fact]
    public void Burns_far_outside_the_view_leave_bare_metal()
    {
        var renderer = new BurnLogRenderer(Small with { NoiseSigma = 0 });
        BurnSegment[] burns = [new(new Point2(500, 500), new Point2(501, 500), 1.0, 600)];

        using var withBurn = renderer.Render(burns, Centre, [], noiseSeed: 3);
        using var bare = renderer.Render([], Centre, [], noiseSeed: 3);

        Assert.Equal(0, Cv2.Norm(withBurn, bare, NormTypes.L1));
    }

    [Fact]
    public void Negative_noise_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BurnLogRenderer(Small with { NoiseSigma = -1 }));

        Assert.Equal(nameof(BurnRenderSettings.NoiseSigma), error.ParamName);
    }

    private static double MeanAround(Mat image, int row)
    {
        using var band = new Mat(image, new Rect(100, row - 1, 56, 3));
        return Cv2.Mean(band).Val0;
    }
}

public sealed class MaterialResponseTests
{
    private static readonly Point2 Centre = new(1, 1);
    private static readonly BurnRenderSettings Sharp = new() { WidthPx = 256, HeightPx = 256, NoiseSigma = 0, FocusBlurSigmaPx = 0 };

    [Fact]
    public void Default_material_is_the_twin_as_it_was_one_spot_at_the_default_recipe()
    {
        var mark = MaterialResponse.Default.MarkOf(MaterialResponse.Default.EnergyOf(0.8, 600))!.Value;

        Assert.Equal(1.0, mark.WidthSpots, 9);
        Assert.Equal(1 - Math.Exp(-2.5 * 0.8), mark.Depth, 9);
        Assert.Equal(0, mark.HaloDepth);
    }

    [Fact]
    public void Burn_at_or_below_the_threshold_leaves_bare_metal()
    {
        var renderer = new BurnLogRenderer(Sharp with { Material = new MaterialResponse { ThresholdEnergy = 0.5, NominalEnergy = 0.9 } });
        BurnSegment[] burns = [new(Centre + new Point2(-0.1, 0), Centre + new Point2(0.1, 0), 0.5, 600)];

        using var withBurn = renderer.Render(burns, Centre, [], noiseSeed: 3);
        using var bare = renderer.Render([], Centre, [], noiseSeed: 3);

        Assert.Equal(0, Cv2.Norm(withBurn, bare, NormTypes.L1));
    }

    [Fact]
    public void Over_burn_spreads_the_line_and_floods_a_dark_halo_around_it_only_for_a_material_that_over_burns()
    {
        BurnSegment[] burns = [new(Centre + new Point2(-0.1, 0), Centre + new Point2(0.1, 0), 1.0, 150)];
        var clean = new BurnLogRenderer(Sharp);
        var overburned = new BurnLogRenderer(Sharp with { Material = new MaterialResponse { OverburnEnergy = 2.0 } });

        using var without = clean.Render(burns, Centre, [], noiseSeed: 3);
        using var with = overburned.Render(burns, Centre, [], noiseSeed: 3);

        // Three spots (0.036 mm, 18 pixels) off the line's centre: metal without over-burn, halo with it.
        var metal = without.At<byte>(127 - 60, 127);
        Assert.True(without.At<byte>(127 - 18, 127) > metal - 3, $"clean {without.At<byte>(127 - 18, 127)}, metal {metal}");
        Assert.True(with.At<byte>(127 - 18, 127) < metal - 30, $"halo {with.At<byte>(127 - 18, 127)}, metal {metal}");
    }

    [Fact]
    public void Material_that_does_not_fit_together_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BurnLogRenderer(Sharp with { Material = new MaterialResponse { ThresholdEnergy = 0.9, NominalEnergy = 0.8 } }));

        Assert.Equal(nameof(MaterialResponse.NominalEnergy), error.ParamName);
    }
}
