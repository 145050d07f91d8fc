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
            "station-1  Idle: Not homed. Why: not homed since the controller connected. Next: Home the machine (F6 / POST /api/station/home)",
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
            "station-1  Idle: Not started. Why: homed, waiting for the operator's Start. Next: Press Start (F11 / POST /api/station/start)",
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

        Assert.StartsWith("station-1  Disconnected: Not connected to the laser controller; reconnecting. Why: link to /dev/ttyUSB0 lost at 14:02:11", view.Banner, StringComparison.Ordinal);
        Assert.EndsWith("Next: Wait: the station reconnects to the controller by itself; then Home the machine (F6 / POST /api/station/home)", view.Banner, StringComparison.Ordinal);
        Assert.Equal(StackLightColour.Amber, view.Light);
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
            "F2 Submit job  F3 Pause job  F4 Resume job  F5 Resume station  F6 Home  F11 Start  F12 Reset e-stop  F7 Acknowledge alarm  F10 Quit",
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
    public void A_pin_to_resolve_is_offered_only_while_the_station_needs_inspection()
    {
        var needsInspection = Engraving with { State = Core.Station.StationState.NeedsInspection };

        Assert.Equal("A000012", PanelViewModel.Create("bob", PanelRole.Supervisor, needsInspection, FeedConnection.Live).PinToResolve);
        Assert.Null(PanelViewModel.Create("bob", PanelRole.Supervisor, Engraving, FeedConnection.Live).PinToResolve);
    }

    private static StatusSnapshot Parse(string json) => JsonSerializer.Deserialize<StatusSnapshot>(json, PanelJson.Options)!;
}
