using System.Globalization;
using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Station;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Grbl;
using Engraver.Service.Jobs;
using Engraver.Traceability.Records;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>One pin through the station: position, focus, engrave, move under the camera, capture,
/// verify, record. The state machine is told each step; the record is the last thing written.</summary>
public sealed partial class PinCycle(
    StationRig rig,
    StationStateMachine machine,
    TrayFixture fixture,
    MarkPlan plan,
    StationContext context,
    TimeProvider clock,
    ILogger logger)
{
    public async Task<PinRecord> RunAsync(BatchJob job, MicrostampIdentity identity, int slot, int attempt, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var marking = plan.For(identity);
        var centre = fixture.SlotCentre(slot);

        machine.StartPin();
        await MoveToAsync(centre, new Point2(0, 0), cancellationToken).ConfigureAwait(false);
        machine.Positioned();
        machine.Focused();

        await rig.Controller.StreamAsync(marking.Program.Lines, null, cancellationToken).ConfigureAwait(false);
        await rig.Controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
        machine.Engraved();

        await MoveToAsync(centre, context.CameraOffset * -1, cancellationToken).ConfigureAwait(false);
        using var frame = await rig.Camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
        var verification = MarkVerifier.Verify(frame, ExpectedMark.For(identity, plan.Pin, marking.Toolpath), context.Verifier);
        var stem = string.Create(CultureInfo.InvariantCulture, $"{job.JobId}-{identity.Serial}-a{attempt}");
        var evidence = await context.Evidence.WriteAsync(frame, marking.Toolpath, verification, rig.EvidenceFolder, stem, cancellationToken).ConfigureAwait(false);
        machine.Captured();

        var record = new PinRecord
        {
            Serial = identity.Serial,
            Make = identity.Make,
            Model = identity.Model,
            JobId = job.JobId,
            Station = context.StationId,
            Operator = context.Operator,
            PinLot = job.PinLot,
            Slot = slot,
            Attempt = attempt,
            Firmware = rig.Firmware.Name,
            FirmwareBanner = rig.FirmwareBanner,
            RecipeName = plan.Recipe.Name,
            PowerFraction = plan.Recipe.PowerFraction,
            FeedMmPerMin = plan.Recipe.FeedMmPerMin,
            Passes = plan.Recipe.Passes,
            ToolpathSha256 = marking.Program.Sha256Hex,
            StrokeCoverage = verification.StrokeCoverage,
            StrayMark = verification.StrayMark,
            EvidencePath = evidence.Path,
            EvidenceSha256 = evidence.Sha256Hex,
            Outcome = verification.Passed ? PinOutcome.Verified : PinOutcome.Rejected,
            Reason = verification.Passed ? null : string.Join("; ", verification.Reasons),
            StartedAt = startedAt,
            FinishedAt = clock.GetUtcNow(),
        };
        await rig.Records.AppendPinAsync(record, cancellationToken).ConfigureAwait(false);
        machine.Recorded();
        LogPin(logger, identity.Serial, slot, record.Outcome, verification.StrokeCoverage);
        return record;
    }

    /// <summary>Sets the G54 origin to the pin centre and moves so that <paramref name="local"/> (pin-local) is under the laser.</summary>
    private async Task MoveToAsync(Point2 pinCentre, Point2 local, CancellationToken cancellationToken)
    {
        var controller = rig.Controller;
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G10 L2 P1 X{pinCentre.X:0.####} Y{pinCentre.Y:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G0 X{local.X:0.####} Y{local.Y:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pin {Serial} in slot {Slot}: {Outcome} (stroke coverage {Coverage:0.000})")]
    private static partial void LogPin(ILogger logger, string serial, int slot, PinOutcome outcome, double coverage);
}
