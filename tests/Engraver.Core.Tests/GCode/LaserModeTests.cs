using Engraver.Core.GCode;
using Engraver.Core.Geometry;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Tests.GCode;

public sealed class LaserModeTests
{
    private static readonly Toolpath Line = new([new Stroke([new Point2(0, 0), new Point2(0.1, 0)])]);

    [Fact]
    public void A_constant_power_recipe_switches_the_laser_on_with_the_profiles_constant_word()
    {
        var recipe = new Recipe("b", 0.5, 300, 2) { LaserMode = LaserMode.Constant };

        var program = GCodeEmitter.Emit(Line, recipe, Grbl.Profile);

        Assert.Equal("M3 S500", program.Lines[2]);
        Assert.DoesNotContain(program.Lines, l => l.StartsWith("M4", StringComparison.Ordinal));
        Assert.Contains("G1 X0.1000 Y0.0000 F300.0", program.Lines);
    }

    [Fact]
    public void A_dynamic_power_recipe_uses_the_profiles_on_word()
    {
        var program = GCodeEmitter.Emit(Line, Recipe.Default, Grbl.Profile with { Laser = Grbl.Profile.Laser with { OnCommand = "M104" } });

        Assert.Equal("M104 S800", program.Lines[2]);
    }

    [Fact]
    public void A_constant_word_that_is_not_one_m_or_g_word_is_refused()
    {
        var profile = Grbl.Profile with { Laser = Grbl.Profile.Laser with { ConstantOnCommand = "M3 S1000" } };

        var refused = Assert.Throws<ArgumentException>(() => GCodeEmitter.Emit(Line, Recipe.Default, profile));

        Assert.Contains("laser.constantCommand", refused.Message, StringComparison.Ordinal);
    }
}
