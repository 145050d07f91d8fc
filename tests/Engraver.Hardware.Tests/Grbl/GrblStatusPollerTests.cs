using Engraver.Hardware.Grbl;
using Engraver.Hardware.Tests.Support;

namespace Engraver.Hardware.Tests.Grbl;

public sealed class GrblStatusPollerTests
{
    [Fact]
    public async Task Polling_keeps_the_latest_status()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);
        var reports = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var poller = new GrblStatusPoller(station.Client, TimeSpan.FromMilliseconds(10));
        poller.StatusReceived += (_, _) => _ = Interlocked.Increment(ref reports) == 3 && third.TrySetResult();

        poller.Start();
        await third.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(GrblMachineState.Alarm, poller.Latest?.State);
        Assert.Null(poller.Fault);
    }

    [Fact]
    public async Task A_lost_link_ends_polling_with_the_fault_kept()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);
        await using var poller = new GrblStatusPoller(station.Client, TimeSpan.FromMilliseconds(10));
        poller.Start();

        station.Simulator.Unplug();
        await poller.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<GrblLinkLostException>(poller.Fault);
    }
}
