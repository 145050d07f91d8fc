using Engraver.Hardware.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

public sealed class GrblSettingsCheckTests
{
    private static readonly Dictionary<string, string> Required = new() { ["$32"] = "1", ["$30"] = "1000", ["$22"] = "1" };

    [Fact]
    public void Values_compare_as_numbers() =>
        Assert.Empty(GrblSettingsCheck.Compare(Required, [new GrblSetting(32, "1"), new GrblSetting(30, "1000.000"), new GrblSetting(22, "1")]));

    [Fact]
    public void A_differing_or_missing_setting_is_named()
    {
        var mismatches = GrblSettingsCheck.Compare(Required, [new GrblSetting(32, "0"), new GrblSetting(30, "1000")]);

        Assert.Equal([new GrblSettingMismatch("$22", "1", null), new GrblSettingMismatch("$32", "1", "0")], mismatches);
        Assert.Equal("$22 (homing cycle enable) is not reported by the controller; the profile requires 1", mismatches[0].Describe());
    }
}
