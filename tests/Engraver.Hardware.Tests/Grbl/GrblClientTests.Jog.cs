using Engraver.Core.Geometry;
using Engraver.Hardware.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

/// <summary>Jogging for the panel.</summary>
public sealed partial class GrblClientTests
{
    [Fact]
    public async Task A_jog_moves_the_machine_without_burning()
    {
        await using var station = await HomedStationAsync();

        await station.Client.JogAsync("G91 X-2 Y-1 F600", CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        // Homed at -1, -1 (GRBL's machine space is negative).
        Assert.Equal(new Point2(-3, -2), station.Simulator.MachinePosition);
        Assert.Empty(station.Simulator.BurnLogSnapshot());
    }

    [Fact]
    public async Task A_jog_beyond_the_soft_limits_is_refused()
    {
        await using var station = await HomedStationAsync();
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.JogAsync("G91 X5 F600", CancellationToken.None));

        Assert.Equal(15, error.Code);
        Assert.Equal("$J=G91 X5 F600", error.Line);
    }

    [Fact]
    public async Task A_jog_without_feed_is_refused()
    {
        await using var station = await HomedStationAsync();

        var error = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.JogAsync("G91 X1", CancellationToken.None));

        Assert.Equal(22, error.Code);
    }
}
