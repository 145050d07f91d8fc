using Engraver.Core.Station;
using Engraver.Hardware.Camera;
using Engraver.Hardware.Grbl;
using Engraver.Service.Api;
using Engraver.Service.Station;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>What /health's controller and camera checks and the status's light say, from what the station published.</summary>
public class StationHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_connected_controller_whose_last_status_report_is_recent_is_healthy()
    {
        var result = ControllerHealthCheck.Check(Connected(reportAge: TimeSpan.FromMilliseconds(300)), Now);

        Assert.Equal((HealthStatus.Healthy, "connected, controller Idle"), (result.Status, result.Description));
    }

    [Fact]
    public void A_connected_controller_that_stopped_reporting_is_unhealthy_with_the_age_of_its_last_report()
    {
        var result = ControllerHealthCheck.Check(Connected(reportAge: TimeSpan.FromSeconds(8)), Now);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("connected, but the controller's last status report is 8.0 s old", result.Description);
    }

    [Fact]
    public void A_connected_controller_that_never_answered_is_unhealthy()
    {
        var result = ControllerHealthCheck.Check(Connected(reportAge: null), Now);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("does not answer status queries", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_camera_whose_last_capture_failed_is_unhealthy_naming_the_device_and_the_failure()
    {
        var camera = new WatchedCamera(new FailingCamera(), "Camera:DeviceIndex 2", TimeProvider.System, new CameraCapture(Now, null));
        var before = CameraHealthCheck.Check(camera);

        await Assert.ThrowsAsync<CameraUnavailableException>(() => camera.CaptureAsync(CancellationToken.None));
        var after = CameraHealthCheck.Check(camera);

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Contains("Camera:DeviceIndex 2 gave a picture", before.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, after.Status);
        Assert.StartsWith("the camera at Camera:DeviceIndex 2 gave no picture at ", after.Description, StringComparison.Ordinal);
        Assert.EndsWith(": no frame from /dev/video2", after.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void No_camera_open_is_unhealthy()
    {
        Assert.Equal(HealthStatus.Unhealthy, CameraHealthCheck.Check(null).Status);
    }

    [Theory]
    [InlineData(StationState.Engraving, true, null, StationLight.Green)]
    [InlineData(StationState.Idle, true, null, StationLight.Green)]
    [InlineData(StationState.Homing, true, null, StationLight.Green)]
    [InlineData(StationState.Idle, true, "Replace the tray: take the full tray away and put an empty one in", StationLight.Amber)]
    [InlineData(StationState.Idle, true, "Press Start (F11 / POST /api/station/start)", StationLight.Amber)]
    [InlineData(StationState.Paused, true, "Resume the station (F5 / POST /api/station/resume)", StationLight.Amber)]
    [InlineData(StationState.SafetyHold, false, null, StationLight.Amber)]
    [InlineData(StationState.NeedsInspection, true, "Inspect the pin", StationLight.Amber)]
    [InlineData(StationState.Disconnected, true, "Wait: the station reconnects", StationLight.Amber)]
    [InlineData(StationState.EStop, false, "Release the e-stop and reset it", StationLight.Red)]
    [InlineData(StationState.EStop, true, "Release the e-stop and reset it", StationLight.Amber)]
    [InlineData(StationState.Alarm, true, "Unlock the controller", StationLight.Red)]
    [InlineData(StationState.Faulted, true, null, StationLight.Red)]
    public void The_light_is_red_for_a_fault_amber_for_any_next_action_and_green_otherwise(
        StationState state, bool eStopReleased, string? nextAction, StationLight expected)
    {
        Assert.Equal(expected, StationLightRule.For(state, eStopReleased, nextAction));
    }

    private static RuntimeView Connected(TimeSpan? reportAge) =>
        new(null, true, null, reportAge is null ? null : new GrblStatusReport(GrblMachineState.Idle, null), 1000, null, null, [])
        {
            ControllerStatusAt = Now - reportAge,
        };

    private sealed class FailingCamera : ICamera
    {
        public Task<CameraFrame> CaptureAsync(CancellationToken cancellationToken) =>
            throw new CameraUnavailableException("no frame from /dev/video2");
    }
}
