using System.Globalization;
using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Station;
using Engraver.Hardware.Camera;
using Engraver.Service.Jobs;
using Engraver.Traceability.Records;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>One pin through the station, in two halves so the machine never waits for the computer:
/// <see cref="EngraveAndCaptureAsync"/> is the machine's work (position, focus, engrave, move under the
/// camera, capture); <see cref="CheckAndRecordAsync"/> is the computer's (verify, evidence, record) and can
/// run while the machine works on the next pin. The record is the last thing written.</summary>
public sealed partial class PinCycle(
    StationRig rig,
    StationLoop station,
    TrayFixture fixture,
    MarkPlans plans,
    StationContext context,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>Burns <paramref name="identity"/> with the recipe of <paramref name="job"/> and photographs it.</summary>
    public async Task<CapturedPin> EngraveAndCaptureAsync(JobRef job, MicrostampIdentity identity, int slot, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var startedAt = clock.GetUtcNow();
        var plan = plans.For(job.Recipe);
        await KeepOverridesWithinAsync(plan, identity, cancellationToken).ConfigureAwait(false);
        if (plan.HasLocations)
        {
            return await EngraveLocationsAsync(plan, identity, slot, attempt, cancellationToken).ConfigureAwait(false);
        }

        var marking = plan.For(identity);
        var centre = fixture.SlotCentre(slot);

        await station.FireAsync(StationTrigger.StartPin, cancellationToken).ConfigureAwait(false);
        // The positioning move brings the laser's focus to the tray's focus Z plus the recipe's focus offset.
        await MoveToAsync(centre, new Point2(0, 0), fixture.FocusZ + plan.Recipe.FocusOffsetMm, cancellationToken).ConfigureAwait(false);
        await station.FireAsync(StationTrigger.Positioned, cancellationToken).ConfigureAwait(false);
        await station.FireAsync(StationTrigger.Focused, cancellationToken).ConfigureAwait(false);

        string? overrides;
        using (var watch = new PinOverrideWatch(rig.Controller))
        {
            await watch.LookAsync(cancellationToken).ConfigureAwait(false);
            await rig.Controller.StreamAsync(marking.Program.Lines, null, cancellationToken).ConfigureAwait(false);
            await rig.Controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
            await watch.LookAsync(cancellationToken).ConfigureAwait(false);
            overrides = watch.Text();
        }

        await station.FireAsync(StationTrigger.Engraved, cancellationToken).ConfigureAwait(false);

        // The camera is focused on the tip plane itself, whatever the recipe's offset.
        await MoveToAsync(centre, context.CameraOffset * -1, fixture.FocusZ, cancellationToken).ConfigureAwait(false);
        var frame = rig.Camera.CaptureAsync(cancellationToken);
        if (!rig.CameraFrameFixedAtCall)
        {
            // A real camera exposes inside the capture: the pin stays under it until the frame is in.
            await frame.ConfigureAwait(false);
        }

        var captured = new CapturedPin(identity, slot, attempt, marking, frame, startedAt) { Overrides = overrides, Plan = plan };
        try
        {
            await station.FireAsync(StationTrigger.Captured, cancellationToken).ConfigureAwait(false);
            await station.FireAsync(StationTrigger.Recorded, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await captured.DiscardAsync().ConfigureAwait(false);
            throw;
        }

        return captured;
    }

    /// <summary>Verifies the captured mark, writes its evidence and appends its record; disposes the frame.
    /// The outcome is Verified only when the check passed. A check that cannot be done (no picture from the
    /// camera, the verifier or the evidence writer failing) ends the pin NeedsInspection with the reason;
    /// only a record that cannot be written throws (<see cref="RecordNotWrittenException"/>).</summary>
    public async Task<PinRecord> CheckAndRecordAsync(JobRef job, CapturedPin pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(pin);
        var plan = pin.Plan ?? plans.For(job.Recipe);
        if (pin.Locations is not null)
        {
            return await CheckAndRecordLocationsAsync(job, pin, plan, cancellationToken).ConfigureAwait(false);
        }

        var step = "camera capture";
        PinRecord record;
        try
        {
            using var frame = await pin.Frame.ConfigureAwait(false);
            step = "verification";
            var verification = MarkVerifier.Verify(frame, ExpectedMark.For(pin.Identity, plan.Pin, pin.Marking.Toolpath), context.Verifier);
            step = "evidence writing";
            var stem = string.Create(CultureInfo.InvariantCulture, $"{job.JobId}-{pin.Identity.Serial}-a{pin.Attempt}");
            var evidence = await context.Evidence.WriteAsync(frame, pin.Marking.Toolpath, verification, rig.EvidenceFolder, stem, cancellationToken).ConfigureAwait(false);
            record = PinRecords.For(job, pin.Identity, pin.Slot, pin.Attempt, rig, plan, context) with
            {
                ToolpathSha256 = pin.Marking.Program.Sha256Hex,
                Overrides = pin.Overrides,
                StrokeCoverage = verification.StrokeCoverage,
                StrayMark = verification.StrayMark,
                Grade = verification.Grade.Overall.ToString(),
                EvidencePath = evidence.Path,
                EvidenceSha256 = evidence.Sha256Hex,
                Outcome = verification.Passed ? PinOutcome.Verified : PinOutcome.Rejected,
                Reason = verification.Passed ? null : string.Join("; ", verification.Reasons),
                StartedAt = pin.StartedAt,
                FinishedAt = clock.GetUtcNow(),
            };
        }
        catch (Exception fault) when (fault is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            record = CheckFailed(job, pin, plan, step, fault);
        }

        await rig.Records.AppendOrStopAsync(record, cancellationToken).ConfigureAwait(false);
        LogPin(logger, pin.Identity.Serial, pin.Slot, record.Outcome, record.StrokeCoverage ?? 0);
        return record;
    }

    /// <summary>The record of a pin engraved but not checked (the step that failed named): it needs inspection.</summary>
    private PinRecord CheckFailed(JobRef job, CapturedPin pin, MarkPlan plan, string step, Exception fault)
    {
        LogCheckFailed(logger, fault, pin.Identity.Serial, pin.Slot, step);
        return PinRecords.For(job, pin.Identity, pin.Slot, pin.Attempt, rig, plan, context) with
        {
            ToolpathSha256 = pin.Marking.Program.Sha256Hex,
            Overrides = pin.Overrides,
            Outcome = PinOutcome.NeedsInspection,
            Reason = $"{CheckFailedReason} ({step}): {fault.Message}",
            StartedAt = pin.StartedAt,
            FinishedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>How the reason of a pin whose mark could not be checked begins.</summary>
    public const string CheckFailedReason = "the mark was engraved but could not be checked";

    /// <summary>Sets the G54 origin to the pin centre and moves so that <paramref name="local"/> (pin-local) is
    /// under the laser, at machine Z <paramref name="z"/>.</summary>
    private async Task MoveToAsync(Point2 pinCentre, Point2 local, double z, CancellationToken cancellationToken)
    {
        var controller = rig.Controller;
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G10 L2 P1 X{pinCentre.X:0.####} Y{pinCentre.Y:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G0 X{local.X:0.####} Y{local.Y:0.####} Z{z:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pin {Serial} in slot {Slot}: the mark could not be checked ({Step}); marked for inspection")]
    private static partial void LogCheckFailed(ILogger logger, Exception fault, string serial, int slot, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pin {Serial} in slot {Slot}: {Outcome} (stroke coverage {Coverage:0.000})")]
    private static partial void LogPin(ILogger logger, string serial, int slot, PinOutcome outcome, double coverage);

    /// <summary>Overrides set while another recipe was the one to run go back to 100 % when this pin's recipe does
    /// not allow them.</summary>
    private async Task KeepOverridesWithinAsync(MarkPlan plan, MicrostampIdentity identity, CancellationToken cancellationToken)
    {
        var limits = plan.Recipe.OverrideLimits;
        if (await StationOverrides.KeepWithinAsync(rig.Controller, limits, cancellationToken).ConfigureAwait(false) is { } dropped)
        {
            LogOverridesDropped(logger, identity.Serial, dropped.FeedPercent, dropped.PowerPercent, plan.Recipe.Name, limits.Feed.ToString(), limits.Power.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pin {Serial}: the overrides in force (feed {Feed}%, power {Power}%) are beyond recipe {Recipe}'s limits (feed {FeedLimits}, power {PowerLimits}); set back to 100% before burning")]
    private static partial void LogOverridesDropped(ILogger logger, string serial, int feed, int power, string recipe, string feedLimits, string powerLimits);
}

/// <summary>A pin the machine has finished with: engraved and photographed, its check still to come.
/// Owns the frame (which may still be on its way from the camera) until <see cref="PinCycle.CheckAndRecordAsync"/>
/// disposes it.</summary>
public sealed record CapturedPin(MicrostampIdentity Identity, int Slot, int Attempt, Marking Marking, Task<CameraFrame> Frame, DateTimeOffset StartedAt)
{
    /// <summary>The feed and power overrides the controller reported while the pin was engraved; null when none.</summary>
    public string? Overrides { get; init; }

    /// <summary>What the pin was burned with (its job's recipe).</summary>
    public MarkPlan? Plan { get; init; }

    /// <summary>For a recipe with marking locations: each location's marking and frame (the first is <see cref="Frame"/>).</summary>
    public IReadOnlyList<LocationCapture>? Locations { get; init; }

    /// <summary>Disposes the frame of a pin that will not be checked.</summary>
    public async Task DiscardAsync()
    {
        foreach (var frame in Locations?.Select(l => l.Frame) ?? [Frame])
        {
            await Task.WhenAny(frame).ConfigureAwait(false);
            if (frame.IsCompletedSuccessfully)
            {
                frame.Result.Dispose();
            }
        }
    }
}
