using Engraver.Simulator.Laser;

namespace Engraver.Hardware.Tests.Simulator;

/// <summary>Reading the GRBL firmware simulator's executed-motion log as burns the camera twin can draw.</summary>
public sealed class ExecutedMotionLogTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "executed-" + Guid.NewGuid().ToString("N") + ".log");

    [Fact]
    public void Laser_on_intervals_become_burns_with_the_pwm_as_power_and_the_speed_as_feed()
    {
        File.WriteAllLines(_path,
        [
            "1.000000 -250, -250, -250, 0",
            "1.100000 -2500, -2500, -1250, 0",
            "1.100001 -2500, -2500, -1250, 204",
            "1.200001 -2250, -2500, -1250, 204",
            "1.300001 -2250, -2250, -1250, 102",
            "1.300101 -2249, -2250, -1250, 0",
            "1.400101 -250, -250, -1250, 0",
        ]);
        var log = new ExecutedMotionLog(_path, 250, 250);

        var burns = log.BurnLogSnapshot();

        Assert.Equal(3, burns.Count);
        Assert.Equal(new(-10, -10), burns[0].From);
        Assert.Equal(new(-9, -10), burns[0].To);
        Assert.Equal(0.8, burns[0].PowerFraction, 3);
        Assert.Equal(600, burns[0].FeedMmPerMin, 0);
        Assert.Equal(new(-9, -9), burns[1].To);
        Assert.Equal(0.4, burns[2].PowerFraction, 3);
        Assert.Equal(new(-1, -1), log.MachinePosition);
    }

    [Fact]
    public void The_log_is_read_as_it_grows_and_a_half_written_line_waits_for_its_end()
    {
        File.WriteAllText(_path, "1.0 0, 0, 0, 255\n1.1 250, 0, 0, 255\n1.2 500, 0");
        var log = new ExecutedMotionLog(_path, 250, 250);
        Assert.Single(log.BurnLogSnapshot());

        File.AppendAllText(_path, ", 0, 0\n");

        var burns = log.BurnLogSnapshot();
        Assert.Equal(2, burns.Count);
        Assert.Equal(new(2, 0), burns[1].To);
    }

    [Fact]
    public void A_restarted_firmware_starts_a_new_log_and_what_was_burned_stays()
    {
        File.WriteAllText(_path, "1.0 0, 0, 0, 255\n1.1 2500, 0, 0, 255\n1.2 2500, 0, 0, 0\n");
        var log = new ExecutedMotionLog(_path, 250, 250);
        Assert.Single(log.BurnLogSnapshot());

        File.WriteAllText(_path, "0.5 0, 0, 0, 0\n");

        Assert.Single(log.BurnLogSnapshot());
        Assert.Equal(new(0, 0), log.MachinePosition);
    }

    [Theory]
    [InlineData("# block number 3")]
    [InlineData("")]
    [InlineData("1.0 1, 2, 3")]
    [InlineData("x 1, 2, 3, 4")]
    public void Lines_that_are_not_samples_are_skipped(string line)
    {
        Assert.False(ExecutedSample.TryParse(line, out _));
    }

    [Fact]
    public void A_log_that_does_not_exist_yet_has_no_burns()
    {
        var log = new ExecutedMotionLog(_path, 250, 250);

        Assert.Empty(log.BurnLogSnapshot());
    }

    public void Dispose() => File.Delete(_path);
}
