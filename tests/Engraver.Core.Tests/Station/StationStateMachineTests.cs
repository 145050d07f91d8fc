using Engraver.Core.Station;
using Xunit;

namespace Engraver.Core.Tests.Station;

public class StationStateMachineTests
{
    private static StationStateMachine HomedIdle()
    {
        var machine = new StationStateMachine();
        machine.Connect();
        machine.Connected();
        machine.Home();
        machine.Homed();
        return machine;
    }

    private static StationStateMachine Engraving()
    {
        var machine = HomedIdle();
        machine.StartPin();
        machine.Positioned();
        machine.Focused();
        return machine;
    }

    [Fact]
    public void One_pin_runs_through_every_step_back_to_idle()
    {
        var machine = Engraving();
        var visited = new List<StationState>();
        machine.Transitioned += t => visited.Add(t.To);

        machine.Engraved();
        machine.Captured();
        machine.Recorded();

        Assert.Equal([StationState.Verifying, StationState.Recording, StationState.Idle], visited);
    }

    [Fact]
    public void A_pin_cannot_start_without_homing()
    {
        var machine = new StationStateMachine();
        machine.Connect();
        machine.Connected();

        Assert.False(machine.CanFire(StationTrigger.StartPin));
        Assert.Throws<InvalidOperationException>(machine.StartPin);
    }

    [Fact]
    public void Laser_enable_is_allowed_only_while_engraving()
    {
        var machine = HomedIdle();
        Assert.False(machine.LaserEnableAllowed);

        machine.StartPin();
        machine.Positioned();
        Assert.False(machine.LaserEnableAllowed);

        machine.Focused();
        Assert.True(machine.LaserEnableAllowed);

        machine.Engraved();
        Assert.False(machine.LaserEnableAllowed);
    }

    [Fact]
    public void Door_open_during_engraving_holds_and_drops_laser_enable()
    {
        var machine = Engraving();

        machine.UpdateInterlocks(new Interlocks(DoorClosed: false, EStopReleased: true));

        Assert.Equal(StationState.SafetyHold, machine.State);
        Assert.False(machine.LaserEnableAllowed);
        Assert.False(machine.CanFire(StationTrigger.Resume));

        machine.UpdateInterlocks(Interlocks.Safe);
        Assert.Equal(StationState.SafetyHold, machine.State);

        machine.Resume();
        Assert.Equal(StationState.Engraving, machine.State);
    }

    [Fact]
    public void An_alarm_needs_unlock_and_rehome_before_the_next_pin()
    {
        var machine = Engraving();

        machine.AlarmRaised();
        Assert.Equal(StationState.Alarm, machine.State);
        Assert.False(machine.HomedSinceReset);

        machine.Unlock();
        Assert.False(machine.CanFire(StationTrigger.StartPin));

        machine.Home();
        machine.Homed();
        Assert.True(machine.CanFire(StationTrigger.StartPin));
    }

    [Fact]
    public void EStop_from_any_running_state_stops_and_needs_release_to_reset()
    {
        var machine = Engraving();

        machine.UpdateInterlocks(new Interlocks(DoorClosed: true, EStopReleased: false));
        Assert.Equal(StationState.EStop, machine.State);
        Assert.False(machine.CanFire(StationTrigger.EStopReset));

        machine.UpdateInterlocks(Interlocks.Safe);
        machine.ResetEStop();
        Assert.Equal(StationState.Alarm, machine.State);
        Assert.False(machine.HomedSinceReset);
    }

    [Fact]
    public void Link_lost_mid_pin_leaves_the_pin_for_inspection()
    {
        var machine = Engraving();

        machine.LinkLost();

        Assert.Equal(StationState.NeedsInspection, machine.State);
        Assert.False(machine.LaserEnableAllowed);
    }

    [Fact]
    public void The_graph_exports_as_dot_with_every_state()
    {
        var dot = new StationStateMachine().ToDotGraph();

        Assert.StartsWith("digraph", dot, StringComparison.Ordinal);
        foreach (var state in Enum.GetNames<StationState>())
        {
            Assert.Contains(state, dot, StringComparison.Ordinal);
        }
    }
}
