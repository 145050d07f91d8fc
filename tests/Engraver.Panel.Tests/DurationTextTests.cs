using Engraver.Panel.View;
using Xunit;

namespace Engraver.Panel.Tests;

public class DurationTextTests
{
    [Theory]
    [InlineData(80.5, "1m20s")]
    [InlineData(45, "45s")]
    [InlineData(0, "0s")]
    [InlineData(3725, "1h02m")]
    [InlineData(-1, "--")]
    [InlineData(double.NaN, "--")]
    public void Durations_read_at_a_glance(double seconds, string text)
    {
        Assert.Equal(text, DurationText.Format(seconds));
    }
}
