using System.Text.Json;
using Engraver.Core.Station;
using Engraver.Panel.Api;
using Engraver.Panel.Status;
using Engraver.Panel.Tests.Support;
using Engraver.Panel.View;
using Xunit;

namespace Engraver.Panel.Tests;

public class PanelViewModelTests
{
    private static readonly StatusSnapshot Engraving = Parse(ContractJson.EngravingStatus);
    private static readonly StatusSnapshot SafetyHold = Parse(ContractJson.SafetyHoldStatus);

    [Fact]
    public void Safety_hold_banner_says_what_to_do_and_why_in_amber()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, SafetyHold, FeedConnection.Live);

        Assert.Equal(
            "station-1  SafetyHold: Door open: laser off. Close the door and press Resume (held from Engraving). Why: door open",
            view.Banner);
        Assert.Equal(StackLightColour.Amber, view.Light);
    }

    [Fact]
    public void A_reconnected_station_that_is_not_homed_says_to_home_it_in_amber()
    {
        var notHomed = Engraving with
        {
            State = StationState.Idle,
            Reason = "not homed since the controller connected",
            Homed = false,
            NextAction = "Home the machine (F6 / POST /api/station/home)",
        };

        var view = PanelViewModel.Create("alice", PanelRole.Operator, notHomed, FeedConnection.Live);

        Assert.Equal(
            "station-1  Idle: Not homed. Next: Home the machine (F6 / POST /api/station/home). Why: not homed since the controller connected",
            view.Banner);
        Assert.Equal(StackLightColour.Amber, view.Light);
    }

    [Fact]
    public void A_homed_station_waiting_for_start_says_to_press_start_in_amber()
    {
        var notStarted = Engraving with
        {
            State = StationState.Idle,
            Reason = "homed, waiting for the operator's Start",
            Homed = true,
            Started = false,
            NextAction = "Press Start (F11 / POST /api/station/start)",
        };

        var view = PanelViewModel.Create("alice", PanelRole.Operator, notStarted, FeedConnection.Live);

        Assert.Equal(
            "station-1  Idle: Not started. Next: Press Start (F11 / POST /api/station/start). Why: homed, waiting for the operator's Start",
            view.Banner);
        Assert.Equal(StackLightColour.Amber, view.Light);
    }

    [Fact]
    public void A_lost_controller_link_names_the_port_the_time_and_that_it_reconnects()
    {
        var disconnected = Engraving with
        {
            State = StationState.Disconnected,
            Reason = "link to /dev/ttyUSB0 lost at 14:02:11: the port closed; reconnecting",
            Homed = false,
            NextAction = "Wait: the station reconnects to the controller by itself; then Home the machine (F6 / POST /api/station/home)",
        };

        var view = PanelViewModel.Create("alice", PanelRole.Operator, disconnected, FeedConnection.Live);

        // The next action comes first: a long reason may not fit the banner's two lines.
        Assert.StartsWith(
            "station-1  Disconnected: Not connected to the laser controller; reconnecting. Next: Wait: the station reconnects to the controller by itself; then Home the machine (F6 / POST /api/station/home)",
            view.Banner,
            StringComparison.Ordinal);
        Assert.EndsWith("Why: link to /dev/ttyUSB0 lost at 14:02:11: the port closed; reconnecting", view.Banner, StringComparison.Ordinal);
        Assert.Equal(StackLightColour.Amber, view.Light);
    }

    [Fact]
    public void A_full_tray_on_a_ready_station_is_amber_from_the_service_and_names_the_way_out_not_ready()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, Parse(ContractJson.TrayFullSimulatedStatus), FeedConnection.Live);

        Assert.Equal(StackLightColour.Amber, view.Light);
        Assert.Equal(
            "SIMULATED (controller, camera, io)  station-1  Idle: Waiting for the operator. Next: Replace the tray: take the full tray away and put an empty one in. Why: the tray is full",
            view.Banner);
    }

    [Fact]
    public void The_banner_takes_the_colour_the_service_gives_over_the_one_its_state_would_have()
    {
        var red = Engraving with { State = StationState.EStop, Light = StackLightColour.Red };
        var released = Engraving with { State = StationState.EStop, Light = StackLightColour.Amber, NextAction = "Release the e-stop and reset it" };
        var newStep = Engraving with { State = StationState.Idle, Light = StackLightColour.Amber, NextAction = "Press Start (F11 / POST /api/station/start)" };

        Assert.Equal(StackLightColour.Red, PanelViewModel.Create("alice", PanelRole.Operator, red, FeedConnection.Live).Light);
        Assert.Equal(StackLightColour.Amber, PanelViewModel.Create("alice", PanelRole.Operator, released, FeedConnection.Live).Light);
        Assert.Equal(StackLightColour.Amber, PanelViewModel.Create("alice", PanelRole.Operator, newStep, FeedConnection.Live).Light);
        Assert.Contains("Idle: Waiting for the operator", PanelViewModel.Create("alice", PanelRole.Operator, newStep, FeedConnection.Live).Banner, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_feed_is_amber_even_when_the_service_last_said_green()
    {
        var green = Engraving with { Light = StackLightColour.Green };

        var view = PanelViewModel.Create("alice", PanelRole.Operator, green, FeedConnection.Lost(TimeSpan.FromSeconds(2), "connection refused"));

        Assert.Equal(StackLightColour.Amber, view.Light);
    }

    [Fact]
    public void A_production_station_has_no_simulated_mark_in_the_banner()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, Engraving, FeedConnection.Live);

        Assert.StartsWith("station-1  Engraving: Engraving", view.Banner, StringComparison.Ordinal);
        Assert.DoesNotContain("SIMULATED", view.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public void Engraving_shows_green_with_progress_and_eta()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, Engraving, FeedConnection.Live);

        Assert.Equal(StackLightColour.Green, view.Light);
        Assert.Equal("12/50, ETA 1m20s", view.JobProgressText);
        Assert.Equal(0.24, view.JobFraction, 6);
        Assert.Equal("Job J-1 Running: 12 verified", view.JobLine);
        Assert.Equal("J-1", view.JobId);
    }

    [Fact]
    public void A_lost_connection_shows_amber_and_the_retry_even_over_a_green_status()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, Engraving, FeedConnection.Lost(TimeSpan.FromSeconds(4), "connection refused"));

        Assert.Equal(StackLightColour.Amber, view.Light);
        Assert.StartsWith("Connection lost, retrying in 4 s (connection refused). Last known: station-1  Engraving", view.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_any_status_the_screen_waits_in_amber()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, null, FeedConnection.Connecting);

        Assert.Equal("Waiting for the station's status", view.Banner);
        Assert.Equal(StackLightColour.Amber, view.Light);
        Assert.Null(view.JobId);
    }

    [Fact]
    public void Alarm_lines_carry_the_plain_language_help_below_each_alarm()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, SafetyHold, FeedConnection.Live);

        Assert.Equal(
            ["#3 ALARM:1 Hard limit at 23:00:31Z, NOT ACKNOWLEDGED", "    A limit switch was hit. Check the axis is clear, unlock and home."],
            view.AlarmLines);
        Assert.Equal(3, view.AlarmToAcknowledge);
    }

    [Fact]
    public void No_alarms_says_so()
    {
        Assert.Equal(["No alarms"], PanelViewModel.AlarmLinesFor([]));
    }

    [Fact]
    public void Last_pin_line_names_identity_grade_verdict_and_reason()
    {
        Assert.Equal(
            "Last pin: ACME M1 A000013 (slot 12, attempt 2)  grade D  FAIL (Rejected): characters unreadable",
            PanelViewModel.LastPinLineFor(SafetyHold.LastPin));
        Assert.Equal(
            "Last pin: ACME M1 A000012 (slot 11, attempt 1)  grade A  PASS (Verified)",
            PanelViewModel.LastPinLineFor(Engraving.LastPin));
    }

    [Fact]
    public void Interlock_lines_flag_the_open_door()
    {
        var lines = PanelViewModel.InterlockLinesFor(SafetyHold.Interlocks);

        Assert.Equal("[!!] Door OPEN", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("[ok]", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Motion_line_shows_position_feed_power_and_buffer()
    {
        Assert.Equal(
            "X 1.200  Y 3.400  Z 0.000 mm   feed 600 mm/min   power 35%   buffer 12   controller Run",
            PanelViewModel.MotionLineFor(Engraving.Controller));
        Assert.Equal("Controller: not connected", PanelViewModel.MotionLineFor(null));
    }

    [Fact]
    public void Operator_sees_operator_keys_and_quit()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, Engraving, FeedConnection.Live);

        Assert.Equal(
            "F2 Submit job  F3 Pause job  F4 Resume job  F5 Resume station  F6 Home  F11 Start  F12 Reset e-stop  F7 Acknowledge alarm"
            + "  Ctrl+G Go to slot  Ctrl+F Frame  Ctrl+O Overrides  F10 Quit",
            view.KeysLine);
        Assert.False(view.Allows(PanelAction.Unlock));
    }

    [Fact]
    public void Supervisor_also_sees_unlock_cancel_and_resolve()
    {
        var view = PanelViewModel.Create("bob", PanelRole.Supervisor, Engraving, FeedConnection.Live);

        Assert.True(view.Allows(PanelAction.Unlock));
        Assert.True(view.Allows(PanelAction.CancelJob));
        Assert.True(view.Allows(PanelAction.ResolveInspection));
        Assert.Contains("Ctrl+R Resolve inspection", view.KeysLine, StringComparison.Ordinal);
    }

    [Fact]
    public void QA_sees_only_quit()
    {
        var view = PanelViewModel.Create("quinn", PanelRole.QA, Engraving, FeedConnection.Live);

        Assert.Equal("F10 Quit", view.KeysLine);
    }

    [Fact]
    public void A_pin_to_resolve_is_offered_while_the_station_needs_inspection_and_not_while_it_engraves()
    {
        var needsInspection = Engraving with { State = Core.Station.StationState.NeedsInspection };

        Assert.Equal("A000012", PanelViewModel.Create("bob", PanelRole.Supervisor, needsInspection, FeedConnection.Live).PinToResolve);
        Assert.Null(PanelViewModel.Create("bob", PanelRole.Supervisor, Engraving, FeedConnection.Live).PinToResolve);
    }

    [Fact]
    public void A_pin_waiting_for_inspection_prefills_resolve_whatever_the_station_state()
    {
        var waiting = Parse(ContractJson.InspectionStatus);

        var view = PanelViewModel.Create("bob", PanelRole.Supervisor, waiting, FeedConnection.Live);

        Assert.Equal(StationState.Paused, waiting.State);
        Assert.Equal("A000014", view.PinToResolve);
        Assert.True(view.InspectionWaiting);
        Assert.Equal(
            [
                "INSPECT ACME M1 A000014: job J-1, slot 13, attempt 1  (+2 more waiting)",
                "Why: e-stop pressed",
                "Evidence: evidence/J-1-A000014-a1.png   Ctrl+R to resolve",
            ],
            view.InspectionLines);
        Assert.StartsWith("Last pin: ACME M1 A000014 (slot 13, attempt 1)  grade -  CHECK (NeedsInspection)", view.LastPinLine, StringComparison.Ordinal);
    }

    [Fact]
    public void No_pin_waiting_shows_no_inspection()
    {
        var view = PanelViewModel.Create("bob", PanelRole.Supervisor, Engraving, FeedConnection.Live);

        Assert.False(view.InspectionWaiting);
        Assert.Empty(view.InspectionLines);
        Assert.Equal(string.Empty, view.NeedNewPinLine);
        Assert.Equal(string.Empty, view.PinsLine);
    }

    [Fact]
    public void Job_line_counts_serials_and_pins_apart_and_names_the_serials_that_need_a_new_pin()
    {
        var view = PanelViewModel.Create("alice", PanelRole.Operator, Parse(ContractJson.InspectionStatus), FeedConnection.Live);

        Assert.Equal("Job J-1 Running: 12 verified of 50 serials, 36 pending, 0 engraving, 1 inspect, 1 failed", view.JobLine);
        Assert.Equal("Pins: 15 used, 12 verified; 16 records", view.PinsLine);
        Assert.Equal("Need a new pin: A000009", view.NeedNewPinLine);
    }

    private static StatusSnapshot Parse(string json) => JsonSerializer.Deserialize<StatusSnapshot>(json, PanelJson.Options)!;
}
