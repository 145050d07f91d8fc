using System.Diagnostics;
using Engraver.Core.Station;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Jobs;
using Engraver.Service.Station;
using Engraver.Traceability.Records;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>Any fault in a pin's cycle ends that pin with a NeedsInspection record saying why, on the
/// station twin: a controller that freezes mid-mark is stopped before the record is written and burns
/// nothing after it; a camera or an evidence writer that fails stops the batch after that one pin.</summary>
public class PinFaultTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_controller_frozen_mid_mark_is_stopped_before_the_pin_is_recorded_and_burns_nothing_after_the_record()
    {
        using var timeout = new CancellationTokenSource(Generous);
        // A response timeout well above what a loaded machine adds, and still far below the frozen time.
        await using var station = await StationHarness.StartAsync(timeout.Token, timeScale: 1, responseTimeoutMs: 5000);
        var twin = station.Rig.Simulator!;
        // The controller's line count restarts at its last reset; the pin's program starts after the three
        // lines of the positioning move (G10, G0, the G4 sync): line 40 is well into the mark.
        twin.Faults.StallAtLine(40);

        // The station's laser-enable relay drops when the pin leaves Engraving; taken out of the loop here
        // (a welded contact) so that only the controller's own stop keeps the beam off.
        twin.LaserInterlock = () => true;

        var result = await station.Runner.RunAsync(new BatchJob("job-freeze", "ENGR", "MS1", "LOT-1", ["FRZ00001", "FRZ00002"]), progress: null, timeout.Token);

        // The record is written before the run returns, and the twin stays frozen until told: whatever it
        // burns once it runs again comes after the record.
        var recordWritten = Stopwatch.GetTimestamp();
        Assert.True(
            twin.Faults.IsStalled,
            $"The run ended without the freeze ({twin.LinesReceived} lines received): {result.StoppedBecause}; {string.Join("; ", result.Pins.Select(p => $"{p.Serial} {p.Outcome} {p.Reason}"))}");
        twin.Faults.EndStall();
        await WaitUntilAsync(() => twin.State is "Idle" or "Alarm");

        var pin = Assert.Single(result.Pins);
        Assert.Equal(PinOutcome.NeedsInspection, pin.Outcome);
        Assert.Contains("Timed out", pin.Reason, StringComparison.Ordinal);
        Assert.NotNull(result.StoppedBecause);
        Assert.Contains(twin.TimedBurnLogSnapshot(), burn => burn.Ended < recordWritten);
        Assert.DoesNotContain(twin.TimedBurnLogSnapshot(), burn => burn.Ended > recordWritten);
        Assert.Equal("Alarm", twin.State);
    }

    [Fact]
    public async Task A_camera_that_fails_ends_the_pin_needing_inspection_and_stops_the_batch_after_it()
    {
        using var timeout = new CancellationTokenSource(Generous);
        await using var station = await StationHarness.StartAsync(timeout.Token);
        var engraved = CountEngravings(station);

        var result = await station.RunnerWith(camera: new FailingCamera()).RunAsync(new BatchJob("job-cam", "ENGR", "MS1", "LOT-1", ["CAM00001", "CAM00002", "CAM00003"]), progress: null, timeout.Token);

        var pin = Assert.Single(result.Pins);
        Assert.Equal("CAM00001", pin.Serial);
        Assert.Equal(PinOutcome.NeedsInspection, pin.Outcome);
        Assert.Contains(FailingCamera.Why, pin.Reason, StringComparison.Ordinal);
        Assert.NotNull(result.StoppedBecause);
        Assert.Equal(1, engraved());
        var stored = Assert.Single(await station.Rig.Records.ListPinsAsync(timeout.Token));
        Assert.Equal(PinOutcome.NeedsInspection, stored.Record.Outcome);
        Assert.Equal(StationState.NeedsInspection, station.Machine.State);
    }

    [Fact]
    public async Task An_evidence_writer_that_fails_ends_the_pin_needing_inspection_and_stops_the_batch()
    {
        using var timeout = new CancellationTokenSource(Generous);
        await using var station = await StationHarness.StartAsync(timeout.Token);
        var engraved = CountEngravings(station);

        var result = await station.RunnerWith(evidence: new FailingEvidenceWriter()).RunAsync(new BatchJob("job-ev", "ENGR", "MS1", "LOT-1", ["EVD00001", "EVD00002", "EVD00003", "EVD00004"]), progress: null, timeout.Token);

        Assert.NotNull(result.StoppedBecause);
        Assert.Equal(PinOutcome.NeedsInspection, result.Pins[0].Outcome);
        Assert.Contains("evidence writing", result.Pins[0].Reason, StringComparison.Ordinal);
        Assert.Contains(FailingEvidenceWriter.Why, result.Pins[0].Reason, StringComparison.Ordinal);
        Assert.All(result.Pins, p => Assert.Equal(PinOutcome.NeedsInspection, p.Outcome));

        // Pins are pipelined: at most the pins already engraved when the first check failed are recorded,
        // each of them; no pin starts after.
        Assert.True(engraved() < 4, $"{engraved()} pins engraved");
        Assert.Equal(engraved(), result.Pins.Count);
        Assert.Equal(result.Pins.Count, (await station.Rig.Records.ListPinsAsync(timeout.Token)).Count);
        Assert.Equal(StationState.Paused, station.Machine.State);
    }

    private static Func<int> CountEngravings(StationHarness station)
    {
        var count = 0;
        station.Loop.Transitioned += t => _ = t.To == StationState.Engraving && Interlocked.Increment(ref count) > 0;
        return () => Volatile.Read(ref count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < Generous, "the condition was not reached");
            await Task.Delay(10);
        }
    }

    /// <summary>A camera that has gone (unplugged): every capture fails.</summary>
    private sealed class FailingCamera : ICamera
    {
        public const string Why = "camera unplugged (test double)";

        public Task<CameraFrame> CaptureAsync(CancellationToken cancellationToken) =>
            Task.FromException<CameraFrame>(new CameraUnavailableException(Why));
    }

    /// <summary>An evidence folder that cannot be written (disk full).</summary>
    private sealed class FailingEvidenceWriter : IEvidenceWriter
    {
        public const string Why = "no space left on the evidence disk (test double)";

        public Task<(string Path, string Sha256Hex)> WriteAsync(CameraFrame frame, Toolpath expected, MarkVerification verification, string directory, string fileStem, CancellationToken cancellationToken) =>
            Task.FromException<(string, string)>(new IOException(Why));
    }
}
