using Engraver.Panel.Api;
using Xunit;

namespace Engraver.Panel.Tests;

public class ReconnectBackoffTests
{
    [Fact]
    public void Waits_double_after_each_failure_up_to_the_cap()
    {
        var backoff = ReconnectBackoff.Default;

        var waits = Enumerable.Range(0, 6).Select(failures => backoff.Delay(failures).TotalSeconds);

        Assert.Equal([1.0, 2, 4, 8, 10, 10], waits);
    }

    [Fact]
    public void Many_failures_never_overflow_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), ReconnectBackoff.Default.Delay(int.MaxValue));
    }
}
