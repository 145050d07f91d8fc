using Engraver.Core.Station;
using Engraver.Hardware.Gpio;
using Engraver.Hardware.Grbl;
using Engraver.Service.Station;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>The station loop's watch over an operator's move: the stop bytes for the kind of move, then the move's
/// token; never a cycle start.</summary>
public class ManualMoveWatchTests
{
    [Fact]
    public async Task The_estop_pressed_during_a_jog_sends_jog_cancel_then_ends_the_move()
    {
        await using var station = await IdleAsync();
        using var watch = await station.Loop.WatchAsync(ManualMoveKind.Jog, CancellationToken.None);

        station.Wiring.Set(StationInput.EStopOk, false);
        await station.Loop.SyncAsync(CancellationToken.None);

        Assert.True(watch.Token.IsCancellationRequested);
        Assert.Equal("the e-stop was pressed", watch.StoppedBecause);
        Assert.False(watch.StoppedBeforeStart);
        Assert.Equal([GrblRealtime.JogCancel], station.Controller.Sent);
    }

    [Fact]
    public async Task The_door_opened_during_a_move_sends_the_door_byte_and_a_feed_hold_and_closing_it_sends_nothing()
    {
        await using var station = await IdleAsync();
        using var watch = await station.Loop.WatchAsync(ManualMoveKind.Move, CancellationToken.None);

        station.Wiring.Set(StationInput.DoorClosed, false);
        await station.Loop.SyncAsync(CancellationToken.None);
        station.Wiring.Set(StationInput.DoorClosed, true);
        await station.Loop.SyncAsync(CancellationToken.None);

        Assert.Equal("the door opened", watch.StoppedBecause);
        Assert.Equal([GrblRealtime.SafetyDoor, GrblRealtime.FeedHold], station.Controller.Sent);
        Assert.Equal(StationState.Idle, station.Machine.State);
    }

    [Fact]
    public async Task A_move_watched_with_the_door_already_open_is_stopped_before_it_starts_with_nothing_sent()
    {
        await using var station = await IdleAsync();
        station.Wiring.Set(StationInput.DoorClosed, false);
        await station.Loop.SyncAsync(CancellationToken.None);

        using var watch = await station.Loop.WatchAsync(ManualMoveKind.Move, CancellationToken.None);

        Assert.True(watch.StoppedBeforeStart);
        Assert.Empty(station.Controller.Sent);
    }

    [Fact]
    public async Task A_move_no_longer_watched_is_not_stopped()
    {
        await using var station = await IdleAsync();
        using var watch = await station.Loop.WatchAsync(ManualMoveKind.Move, CancellationToken.None);
        await station.Loop.UnwatchAsync(watch, CancellationToken.None);

        station.Wiring.Set(StationInput.DoorClosed, false);
        await station.Loop.SyncAsync(CancellationToken.None);

        Assert.Null(watch.StoppedBecause);
        Assert.False(watch.Token.IsCancellationRequested);
        Assert.Empty(station.Controller.Sent);
    }

    private static async Task<LoopStation> IdleAsync()
    {
        var station = await LoopStation.StartAsync();
        foreach (var trigger in new[] { StationTrigger.Connect, StationTrigger.Connected, StationTrigger.Home, StationTrigger.Homed })
        {
            await station.Loop.FireAsync(trigger, CancellationToken.None);
        }

        return station;
    }
}
