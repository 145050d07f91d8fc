using Engraver.Core.Geometry;
using Engraver.Core.MaterialTest;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using Engraver.Vision.MaterialTest;

namespace Engraver.Vision.Tests.MaterialTest;

public sealed class CellGraderTests
{
    private static readonly CellPattern Pattern = new(0.012);
    private static readonly Point2 Centre = new(-60, -150);

    /// <summary>The cell burned at <paramref name="power"/> and <paramref name="feed"/> on <paramref name="material"/>,
    /// photographed by the camera twin centred on it.</summary>
    private static CellGrade GradeOf(double power, double feed, MaterialResponse? material = null)
    {
        var burns = Pattern.Toolpath.Strokes
            .SelectMany(s => s.Points.Zip(s.Points.Skip(1), (a, b) => new BurnSegment(Centre + a, Centre + b, power, feed)))
            .ToList();
        var renderer = new BurnLogRenderer(new BurnRenderSettings { WidthPx = 512, HeightPx = 512, Material = material ?? MaterialResponse.Default });
        using var frame = new CameraFrame(renderer.Render(burns, Centre, [], noiseSeed: 11), 0.002);
        return CellGrader.Grade(frame, Pattern);
    }

    [Fact]
    public void Nominal_burn_grades_good()
    {
        var grade = GradeOf(0.8, 600);

        Assert.True(grade.Grade >= 0.8, grade.ToString());
        Assert.InRange(grade.WidthRatio, 0.8, 1.2);
        Assert.True(grade.Fill > 0.85, grade.ToString());
        Assert.True(grade.Stray < 0.05, grade.ToString());
        Assert.Equal("good", grade.Verdict);
    }

    [Fact]
    public void Weak_burn_is_thin_and_grades_below_a_recipe()
    {
        var grade = GradeOf(0.25, 1200);

        Assert.True(grade.WidthRatio < 0.75, grade.ToString());
        Assert.True(grade.Grade < GridRecommendation.MinimumGrade, grade.ToString());
    }

    [Fact]
    public void Burn_below_the_threshold_is_no_mark()
    {
        var grade = GradeOf(0.1, 1200);

        Assert.False(grade.Marked, grade.ToString());
        Assert.Equal("no mark", grade.Verdict);
    }

    [Fact]
    public void Over_burn_strays_beyond_the_pattern_and_grades_below_a_recipe()
    {
        var grade = GradeOf(1.0, 150, new MaterialResponse { OverburnEnergy = 2.0 });

        Assert.True(grade.Stray > CellScore.StrayNoted, grade.ToString());
        Assert.Equal("over-burned", grade.Verdict);
        Assert.True(grade.Grade < GridRecommendation.MinimumGrade, grade.ToString());
    }

    [Fact]
    public void A_material_places_the_best_energy_where_it_says()
    {
        var material = new MaterialResponse { ThresholdEnergy = 0.2, NominalEnergy = 0.4, OverburnEnergy = 0.5 };

        var right = GradeOf(0.4, 600, material);
        var over = GradeOf(0.8, 600, material);

        Assert.True(right.Grade >= 0.8, right.ToString());
        Assert.True(over.Grade < GridRecommendation.MinimumGrade, over.ToString());
    }
}
