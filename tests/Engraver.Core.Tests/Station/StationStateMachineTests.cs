using Engraver.Core.Station;
using Engraver.Core.Tests.Support;
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

    private static StationStateMachine StartedIdle()
    {
        var machine = HomedIdle();
        machine.Start();
        return machine;
    }

    private static StationStateMachine Engraving()
    {
        var machine = StartedIdle();
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
        var machine = StartedIdle();
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
        Assert.False(machine.CanFire(StationTrigger.StartPin));
        machine.Start();
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
        Assert.Equal(StationState.Idle, machine.State);
        Assert.False(machine.HomedSinceReset);
        Assert.False(machine.Started);
    }

    [Fact]
    public void An_estop_reset_leads_through_home_and_start_to_the_next_pin()
    {
        var machine = Engraving();
        machine.UpdateInterlocks(Interlocks.Safe with { EStopReleased = false });
        machine.UpdateInterlocks(Interlocks.Safe);

        machine.ResetEStop();
        Assert.False(machine.CanFire(StationTrigger.Start));
        Assert.False(machine.CanFire(StationTrigger.StartPin));
        machine.Home();
        machine.Homed();
        Assert.False(machine.CanFire(StationTrigger.StartPin));
        machine.Start();
        machine.StartPin();

        Assert.Equal(StationState.Positioning, machine.State);
    }

    [Fact]
    public void Start_is_refused_when_not_homed()
    {
        var machine = new StationStateMachine();
        machine.Connect();
        machine.Connected();

        Assert.False(machine.CanFire(StationTrigger.Start));
        Assert.Throws<InvalidOperationException>(machine.Start);
        Assert.False(machine.Started);
    }

    [Fact]
    public void A_pin_is_refused_after_homing_until_start()
    {
        var machine = HomedIdle();
        Assert.False(machine.CanFire(StationTrigger.StartPin));
        Assert.Throws<InvalidOperationException>(machine.StartPin);

        machine.Start();

        Assert.True(machine.Started);
        Assert.Equal(StationState.Idle, machine.State);
        Assert.True(machine.CanFire(StationTrigger.StartPin));
    }

    [Fact]
    public void Start_is_allowed_only_in_idle()
    {
        var machine = Engraving();

        Assert.False(machine.CanFire(StationTrigger.Start));
    }

    [Fact]
    public void Pause_and_resume_keep_the_start()
    {
        var machine = StartedIdle();

        machine.Pause();
        machine.Resume();

        Assert.True(machine.Started);
        Assert.True(machine.CanFire(StationTrigger.StartPin));
    }

    [Fact]
    public void A_finished_pin_keeps_the_start_for_the_next()
    {
        var machine = Engraving();

        machine.Engraved();
        machine.Captured();
        machine.Recorded();

        Assert.True(machine.CanFire(StationTrigger.StartPin));
    }

    [Theory]
    [InlineData("estop")]
    [InlineData("alarm")]
    [InlineData("link")]
    [InlineData("inspection")]
    public void The_start_is_forgotten_with_the_homing(string how)
    {
        var machine = Engraving();

        switch (how)
        {
            case "estop":
                machine.UpdateInterlocks(Interlocks.Safe with { EStopReleased = false });
                break;
            case "alarm":
                machine.AlarmRaised();
                break;
            case "link":
                machine.LinkLost();
                break;
            case "inspection":
                machine.OutcomeUnknown();
                break;
        }

        Assert.False(machine.Started);
        Assert.False(machine.HomedSinceReset);
    }

    [Fact]
    public void A_new_homing_cycle_forgets_the_start()
    {
        var machine = StartedIdle();

        machine.Home();
        machine.Homed();

        Assert.False(machine.Started);
        Assert.False(machine.CanFire(StationTrigger.StartPin));
    }

    [Fact]
    public void Link_lost_mid_pin_disconnects_with_the_laser_off_and_homing_forgotten()
    {
        var machine = Engraving();

        machine.LinkLost();

        Assert.Equal(StationState.Disconnected, machine.State);
        Assert.False(machine.LaserEnableAllowed);
        Assert.False(machine.HomedSinceReset);
        Assert.False(machine.ControllerLinked);
    }

    [Theory]
    [InlineData(StationState.Idle)]
    [InlineData(StationState.Homing)]
    [InlineData(StationState.Paused)]
    [InlineData(StationState.Alarm)]
    [InlineData(StationState.SafetyHold)]
    [InlineData(StationState.Connecting)]
    public void Link_lost_disconnects_from_any_state_that_does_not_wait_for_a_person(StationState state)
    {
        var machine = In(state);

        machine.LinkLost();

        Assert.Equal(StationState.Disconnected, machine.State);
        Assert.True(machine.CanFire(StationTrigger.Connect));
    }

    [Fact]
    public void After_a_reconnect_the_station_is_idle_but_must_be_homed_before_a_pin()
    {
        var machine = HomedIdle();
        machine.LinkLost();

        machine.Connect();
        machine.Connected();

        Assert.Equal(StationState.Idle, machine.State);
        Assert.False(machine.HomedSinceReset);
        Assert.False(machine.CanFire(StationTrigger.StartPin));
        machine.Home();
        machine.Homed();
        machine.Start();
        Assert.True(machine.CanFire(StationTrigger.StartPin));
    }

    [Fact]
    public void Link_lost_during_an_estop_keeps_the_estop_and_its_reset_leads_to_disconnected()
    {
        var machine = HomedIdle();
        machine.UpdateInterlocks(new Interlocks(DoorClosed: true, EStopReleased: false));
        machine.LinkLost();
        Assert.Equal(StationState.EStop, machine.State);

        machine.UpdateInterlocks(Interlocks.Safe);
        machine.ResetEStop();

        Assert.Equal(StationState.Disconnected, machine.State);
    }

    [Fact]
    public void Link_lost_while_a_pin_waits_for_inspection_keeps_it_waiting_and_resolving_leads_to_disconnected()
    {
        var machine = Engraving();
        machine.OutcomeUnknown();
        machine.LinkLost();
        Assert.Equal(StationState.NeedsInspection, machine.State);

        machine.InspectionResolved();

        Assert.Equal(StationState.Disconnected, machine.State);
    }

    [Fact]
    public void A_failed_homing_cycle_leaves_homing_not_homed()
    {
        var machine = HomedIdle();
        machine.Home();

        machine.HomingFailed();

        Assert.Equal(StationState.Idle, machine.State);
        Assert.False(machine.HomedSinceReset);
        Assert.False(machine.CanFire(StationTrigger.StartPin));
    }

    private static StationStateMachine In(StationState state)
    {
        var machine = new StationStateMachine();
        machine.Connect();
        if (state == StationState.Connecting)
        {
            return machine;
        }

        machine.Connected();
        switch (state)
        {
            case StationState.Homing:
                machine.Home();
                break;
            case StationState.Paused:
                machine.Pause();
                break;
            case StationState.Alarm:
                machine.AlarmRaised();
                break;
            case StationState.SafetyHold:
                machine.Home();
                machine.Homed();
                machine.Start();
                machine.StartPin();
                machine.UpdateInterlocks(new Interlocks(DoorClosed: false, EStopReleased: true));
                break;
        }

        Assert.Equal(state, machine.State);
        return machine;
    }

    [Theory]
    [InlineData(StationState.Positioning)]
    [InlineData(StationState.Focusing)]
    [InlineData(StationState.Engraving)]
    [InlineData(StationState.Verifying)]
    public void Resume_after_a_door_hold_returns_to_the_step_that_was_held(StationState step)
    {
        var machine = StartedIdle();
        machine.StartPin();
        if (step != StationState.Positioning)
        {
            machine.Positioned();
        }

        if (step is StationState.Engraving or StationState.Verifying)
        {
            machine.Focused();
        }

        if (step == StationState.Verifying)
        {
            machine.Engraved();
        }

        machine.UpdateInterlocks(Interlocks.Safe with { DoorClosed = false });
        Assert.Equal(StationState.SafetyHold, machine.State);
        Assert.Equal(step, machine.HeldFrom);

        machine.UpdateInterlocks(Interlocks.Safe);
        machine.Resume();

        Assert.Equal(step, machine.State);
        Assert.Null(machine.HeldFrom);
    }

    [Theory]
    [InlineData(false, true, true, true)]
    [InlineData(true, false, true, true)]
    [InlineData(true, true, false, true)]
    [InlineData(true, true, true, false)]
    public void A_pin_does_not_start_without_tray_clamp_air_and_fume_extraction(bool tray, bool clamp, bool air, bool fume)
    {
        var machine = StartedIdle();

        machine.UpdateInterlocks(new Interlocks(true, true, tray, clamp, air, fume));

        Assert.False(machine.CanFire(StationTrigger.StartPin));
        Assert.NotEmpty(machine.Interlocks.NotReadyReasons());
    }

    [Fact]
    public void A_door_opened_before_the_pin_reaches_the_laser_keeps_the_laser_off()
    {
        var machine = StartedIdle();
        machine.StartPin();
        machine.Positioned();
        machine.UpdateInterlocks(Interlocks.Safe with { DoorClosed = false });

        Assert.False(machine.CanFire(StationTrigger.Focused));
        Assert.False(machine.LaserEnableAllowed);
    }

    [Fact]
    public void A_resolved_inspection_leaves_the_station_idle_and_unhomed()
    {
        var machine = Engraving();
        machine.OutcomeUnknown();

        machine.InspectionResolved();

        Assert.Equal(StationState.Idle, machine.State);
        Assert.False(machine.CanFire(StationTrigger.StartPin));
    }

    [Fact]
    public void The_exported_graph_matches_the_one_in_the_docs()
    {
        var dot = new StationStateMachine().ToDotGraph();

        Assert.Equal(RepositoryFiles.ReadAllText("docs", "statechart.dot").ReplaceLineEndings(), dot.ReplaceLineEndings());
    }

    [Fact]
    public void The_graph_exports_as_dot_with_every_state()
    {
        var dot = new StationStateMachine().ToDotGraph();

        Assert.StartsWith("digraph", dot, StringComparison.Ordinal);
        foreach (var state in Enum.GetNames<StationState>().Where(s => s != nameof(StationState.Faulted)))
        {
            Assert.Contains(state, dot, StringComparison.Ordinal);
        }
    }
}
