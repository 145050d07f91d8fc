using Engraver.Core.Station;
using Engraver.Hardware.Gpio;
using Engraver.Hardware.Grbl;
using Engraver.Service.Station;
using Engraver.Service.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Engraver.Service.Tests.Station;

public class StationLoopTests
{
    /// <summary>What can happen to the station: the I/O, the controller, and the operator. <see cref="Proceed"/>
    /// fires whatever the normal flow needs next, so random runs reach Engraving often.</summary>
    public enum StationEvent
    {
        Proceed,
        DoorOpen,
        DoorClose,
        EStopPress,
        EStopRelease,
        Alarm,
        Disconnect,
        OutcomeUnknown,
        OperatorResume,
        OperatorUnlock,
        OperatorHome,
        OperatorResetEStop,
        OperatorResolve,
        OperatorPause,
        OperatorStartPin,
        OperatorStart,
    }

    private static readonly Gen<StationEvent[]> Events =
        Gen.Frequency(
            (12, Gen.Constant(StationEvent.Proceed)),
            (10, Gen.Elements(Enum.GetValues<StationEvent>().Where(e => e != StationEvent.Proceed).ToArray())))
        .ArrayOf();

    [Property(MaxTest = 1000)]
    public Property Safety_invariants_hold_after_every_event_of_any_interleaving() =>
        Prop.ForAll(Events.ToArbitrary(), events => RunAsync(events).GetAwaiter().GetResult());

    [Fact]
    public async Task Door_open_during_engraving_drops_laser_enable_and_stops_the_controller_at_once()
    {
        await using var station = await LoopStation.StartAsync();
        await DriveToEngravingAsync(station);
        Assert.True(station.Wiring.IsOn(StationOutput.LaserEnable));

        station.Wiring.Set(StationInput.DoorClosed, false);
        await station.Loop.SyncAsync(CancellationToken.None);

        Assert.False(station.Wiring.IsOn(StationOutput.LaserEnable));
        Assert.Equal(StationState.SafetyHold, station.Machine.State);
        Assert.Equal([GrblRealtime.SafetyDoor, GrblRealtime.FeedHold], station.Controller.Sent);
    }

    [Fact]
    public async Task A_tray_taken_away_and_put_back_between_two_looks_counts_as_a_new_tray()
    {
        await using var station = await LoopStation.StartAsync();
        await station.Loop.SyncAsync(CancellationToken.None);
        var before = station.Loop.Snapshot.TrayLoads;

        station.Wiring.Set(StationInput.TrayPresent, false);
        station.Wiring.Set(StationInput.TrayPresent, true);
        station.Wiring.Set(StationInput.DoorClosed, false);
        station.Wiring.Set(StationInput.DoorClosed, true);
        await station.Loop.SyncAsync(CancellationToken.None);

        Assert.True(station.Loop.Snapshot.Interlocks.TrayPresent);
        Assert.Equal(before + 1, station.Loop.Snapshot.TrayLoads);
    }

    [Fact]
    public async Task A_step_reported_during_a_door_hold_waits_for_the_operator_to_resume()
    {
        await using var station = await LoopStation.StartAsync();
        await DriveToEngravingAsync(station);
        station.Wiring.Set(StationInput.DoorClosed, false);

        var engraved = station.Loop.FireAsync(StationTrigger.Engraved, CancellationToken.None);
        station.Wiring.Set(StationInput.DoorClosed, true);
        await station.Loop.SyncAsync(CancellationToken.None);
        Assert.False(engraved.IsCompleted);

        await station.Loop.FireAsync(StationTrigger.Resume, CancellationToken.None);
        await engraved;

        Assert.Equal(StationState.Verifying, station.Machine.State);
        Assert.Equal(GrblRealtime.CycleStart, station.Controller.Sent[^1]);
    }

    [Fact]
    public async Task A_pin_after_homing_without_start_is_refused_saying_to_press_start()
    {
        await using var station = await LoopStation.StartAsync();
        foreach (var trigger in new[] { StationTrigger.Connect, StationTrigger.Connected, StationTrigger.Home, StationTrigger.Homed })
        {
            await station.Loop.FireAsync(trigger, CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<StationRefusedException>(() => station.Loop.FireAsync(StationTrigger.StartPin, CancellationToken.None));
        await station.Loop.FireAsync(StationTrigger.Start, CancellationToken.None);

        Assert.Contains("press Start", refused.Message, StringComparison.Ordinal);
        Assert.True(station.Loop.Snapshot.Started);
        Assert.Empty(station.Controller.Sent);
    }

    [Fact]
    public async Task A_refused_trigger_says_why()
    {
        await using var station = await LoopStation.StartAsync();
        await station.Loop.FireAsync(StationTrigger.Connect, CancellationToken.None);
        await station.Loop.FireAsync(StationTrigger.Connected, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<StationRefusedException>(() => station.Loop.FireAsync(StationTrigger.StartPin, CancellationToken.None));

        Assert.Contains("not homed", refused.Message, StringComparison.Ordinal);
    }

    private static async Task DriveToEngravingAsync(LoopStation station)
    {
        foreach (var trigger in new[] { StationTrigger.Connect, StationTrigger.Connected, StationTrigger.Home, StationTrigger.Homed, StationTrigger.Start, StationTrigger.StartPin, StationTrigger.Positioned, StationTrigger.Focused })
        {
            await station.Loop.FireAsync(trigger, CancellationToken.None);
        }
    }

    private static async Task<bool> RunAsync(StationEvent[] events)
    {
        await using var station = await LoopStation.StartAsync();
        var checker = new SafetyChecker(station);
        station.Loop.Transitioned += checker.OnTransition;
        foreach (var stationEvent in events)
        {
            var sentBefore = station.Controller.Sent.Count;
            var doorStopsBefore = checker.DoorStops;
            Apply(station, stationEvent);
            await station.Loop.SyncAsync(CancellationToken.None);
            checker.CheckStep(stationEvent, sentBefore, doorStopsBefore);
        }

        return checker.Violations.Count == 0
            ? true
            : throw new InvalidOperationException($"After [{string.Join(", ", events)}]: {string.Join("; ", checker.Violations)}");
    }

    private static void Apply(LoopStation station, StationEvent stationEvent)
    {
        switch (stationEvent)
        {
            case StationEvent.DoorOpen: station.Wiring.Set(StationInput.DoorClosed, false); break;
            case StationEvent.DoorClose: station.Wiring.Set(StationInput.DoorClosed, true); break;
            case StationEvent.EStopPress: station.Wiring.Set(StationInput.EStopOk, false); break;
            case StationEvent.EStopRelease: station.Wiring.Set(StationInput.EStopOk, true); break;
            case StationEvent.Alarm: station.Loop.Notify(StationTrigger.AlarmRaised); break;
            case StationEvent.Disconnect: station.Loop.Notify(StationTrigger.LinkLost); break;
            case StationEvent.OutcomeUnknown: station.Loop.Notify(StationTrigger.OutcomeUnknown); break;
            case StationEvent.OperatorResume: station.Loop.Notify(StationTrigger.Resume); break;
            case StationEvent.OperatorUnlock: station.Loop.Notify(StationTrigger.Unlock); break;
            case StationEvent.OperatorHome: station.Loop.Notify(StationTrigger.Home); break;
            case StationEvent.OperatorResetEStop: station.Loop.Notify(StationTrigger.EStopReset); break;
            case StationEvent.OperatorResolve: station.Loop.Notify(StationTrigger.InspectionResolved); break;
            case StationEvent.OperatorPause: station.Loop.Notify(StationTrigger.Pause); break;
            case StationEvent.OperatorStartPin: station.Loop.Notify(StationTrigger.StartPin); break;
            case StationEvent.OperatorStart: station.Loop.Notify(StationTrigger.Start); break;
            default: station.Loop.Notify(NextStep(station.Machine.State, station.Machine.HomedSinceReset, station.Machine.Started)); break;
        }
    }

    private static StationTrigger NextStep(StationState state, bool homed, bool started) => state switch
    {
        StationState.Disconnected or StationState.Faulted => StationTrigger.Connect,
        StationState.Connecting => StationTrigger.Connected,
        StationState.Idle => !homed ? StationTrigger.Home : started ? StationTrigger.StartPin : StationTrigger.Start,
        StationState.Homing => StationTrigger.Homed,
        StationState.Positioning => StationTrigger.Positioned,
        StationState.Focusing => StationTrigger.Focused,
        StationState.Engraving => StationTrigger.Engraved,
        StationState.Verifying => StationTrigger.Captured,
        StationState.Recording => StationTrigger.Recorded,
        StationState.SafetyHold or StationState.Paused => StationTrigger.Resume,
        StationState.Alarm => StationTrigger.Unlock,
        StationState.EStop => StationTrigger.EStopReset,
        _ => StationTrigger.InspectionResolved,
    };
}
