using Engraver.Hardware.Grbl;
using Xunit;

namespace Engraver.Hardware.Tests.Grbl;

public class GrblOverrideBytesTests
{
    [Fact]
    public void Coarse_steps_come_first_then_fine_ones()
    {
        Assert.Equal([0x91, 0x93, 0x93, 0x93], GrblOverrideBytes.Feed(100, 113));
        Assert.Equal([0x9D, 0x9D, 0x9D, 0x9D, 0x9D], GrblOverrideBytes.LaserPower(100, 95));
        Assert.Equal([0x9B, 0x9B, 0x9D], GrblOverrideBytes.LaserPower(110, 89));
    }

    [Fact]
    public void Back_to_100_is_the_reset_byte_alone()
    {
        Assert.Equal([GrblRealtime.FeedOverrideReset], GrblOverrideBytes.Feed(137, 100));
        Assert.Equal([GrblRealtime.LaserPowerOverrideReset], GrblOverrideBytes.LaserPower(55, 100));
    }

    [Fact]
    public void From_an_unknown_value_the_steps_start_at_the_reset()
    {
        Assert.Equal([GrblRealtime.FeedOverrideReset, 0x92, 0x94, 0x94], GrblOverrideBytes.Feed(-1, 88));
    }

    [Fact]
    public void A_target_outside_grbls_10_to_200_percent_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GrblOverrideBytes.Feed(100, 201));

    [Theory]
    [InlineData(100, 10)]
    [InlineData(37, 200)]
    [InlineData(150, 151)]
    [InlineData(120, 99)]
    public void Applying_the_bytes_as_grbl_does_arrives_at_the_target(int from, int to)
    {
        var at = from;
        foreach (var b in GrblOverrideBytes.Feed(from, to))
        {
            at = b switch
            {
                0x90 => 100,
                0x91 => at + 10,
                0x92 => at - 10,
                0x93 => at + 1,
                0x94 => at - 1,
                _ => throw new InvalidOperationException($"not a feed override byte: {b:X2}"),
            };
        }

        Assert.Equal(to, at);
    }
}
