using System.Globalization;
using System.Text.Json;
using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Station;
using Engraver.Hardware.Camera;
using Engraver.Traceability.Records;
using Engraver.Vision.Verification;

namespace Engraver.Service.Station;

/// <summary>A recipe with marking locations: every location is burned in turn (the work origin moved to it), then
/// the camera is moved over each and each is verified against its own layout and thresholds. The pin is Verified
/// only when every location is; a location that fails rejects the pin with a reason naming it.</summary>
public sealed partial class PinCycle
{
    private async Task<CapturedPin> EngraveLocationsAsync(MarkPlan plan, MicrostampIdentity identity, int slot, int attempt, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var markings = plan.ForEachLocation(identity);
        var whole = plan.For(identity);
        var centre = fixture.SlotCentre(slot);

        await station.FireAsync(StationTrigger.StartPin, cancellationToken).ConfigureAwait(false);
        using var watch = new PinOverrideWatch(rig.Controller);
        await watch.LookAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < markings.Count; i++)
        {
            var at = centre + markings[i].Location.OffsetMm;
            await MoveToAsync(at, new Point2(0, 0), fixture.FocusZ + plan.Recipe.FocusOffsetMm, cancellationToken).ConfigureAwait(false);
            if (i == 0)
            {
                await station.FireAsync(StationTrigger.Positioned, cancellationToken).ConfigureAwait(false);
                await station.FireAsync(StationTrigger.Focused, cancellationToken).ConfigureAwait(false);
            }

            await rig.Controller.StreamAsync(markings[i].Program.Lines, null, cancellationToken).ConfigureAwait(false);
            await rig.Controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
        }

        await watch.LookAsync(cancellationToken).ConfigureAwait(false);
        var overrides = watch.Text();
        await station.FireAsync(StationTrigger.Engraved, cancellationToken).ConfigureAwait(false);
        var captures = new List<LocationCapture>();
        try
        {
            foreach (var marking in markings)
            {
                // The camera over this location, focused on the tip plane.
                await MoveToAsync(centre + marking.Location.OffsetMm, context.CameraOffset * -1, fixture.FocusZ, cancellationToken).ConfigureAwait(false);
                var frame = rig.Camera.CaptureAsync(cancellationToken);
                captures.Add(new LocationCapture(marking, frame));
                if (!rig.CameraFrameFixedAtCall)
                {
                    await frame.ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await DiscardAsync(captures).ConfigureAwait(false);
            throw;
        }

        var captured = new CapturedPin(identity, slot, attempt, whole, captures[0].Frame, startedAt) { Plan = plan, Locations = captures, Overrides = overrides };
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

    /// <summary>As <see cref="CheckAndRecordAsync"/> for a pin with locations: a check that cannot be done ends the
    /// pin NeedsInspection with the reason; only a record that cannot be written throws.</summary>
    private async Task<PinRecord> CheckAndRecordLocationsAsync(JobRef job, CapturedPin pin, MarkPlan plan, CancellationToken cancellationToken)
    {
        PinRecord record;
        try
        {
            record = await CheckLocationsAsync(job, pin, plan, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception fault) when (fault is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            record = CheckFailed(job, pin, plan, "verification of each location", fault);
        }

        await rig.Records.AppendOrStopAsync(record, cancellationToken).ConfigureAwait(false);
        LogPin(logger, pin.Identity.Serial, pin.Slot, record.Outcome, record.StrokeCoverage ?? 0);
        return record;
    }

    /// <summary>Verifies each location's frame and writes its evidence; the record of the pin, its outcome that of
    /// the worst location and <c>Locations</c> holding each location's result. Disposes every frame.</summary>
    private async Task<PinRecord> CheckLocationsAsync(JobRef job, CapturedPin pin, MarkPlan plan, CancellationToken cancellationToken)
    {
        var results = new List<LocationResult>();
        try
        {
            foreach (var capture in pin.Locations!)
            {
                var location = capture.Marking.Location;
                // Disposed with the others below, once.
                var frame = await capture.Frame.ConfigureAwait(false);
                var options = context.Verifier with
                {
                    TipDiameterMm = location.Pin.TipDiameterMm,
                    MinStrokeCoverage = location.MinStrokeCoverage ?? context.Verifier.MinStrokeCoverage,
                    MaxStrayMark = location.MaxStrayMark ?? context.Verifier.MaxStrayMark,
                };
                var verification = MarkVerifier.Verify(frame, ExpectedMark.For(pin.Identity, location.Pin, capture.Marking.Toolpath), options);
                var stem = string.Create(CultureInfo.InvariantCulture, $"{job.JobId}-{pin.Identity.Serial}-a{pin.Attempt}-{location.Name}");
                var evidence = await context.Evidence.WriteAsync(frame, capture.Marking.Toolpath, verification, rig.EvidenceFolder, stem, cancellationToken).ConfigureAwait(false);
                results.Add(new LocationResult(location.Name, verification, evidence.Path, evidence.Sha256Hex));
            }
        }
        finally
        {
            await DiscardAsync(pin.Locations!).ConfigureAwait(false);
        }

        var failed = results.Where(r => !r.Verification.Passed).ToList();
        var shown = failed.FirstOrDefault() ?? results[0];
        return PinRecords.For(job, pin.Identity, pin.Slot, pin.Attempt, rig, plan, context) with
        {
            ToolpathSha256 = pin.Marking.Program.Sha256Hex,
            Overrides = pin.Overrides,
            StrokeCoverage = results.Min(r => r.Verification.StrokeCoverage),
            StrayMark = results.Max(r => r.Verification.StrayMark),
            Grade = shown.Verification.Grade.Overall.ToString(),
            EvidencePath = shown.EvidencePath,
            EvidenceSha256 = shown.EvidenceSha256,
            Outcome = failed.Count == 0 ? PinOutcome.Verified : PinOutcome.Rejected,
            Reason = failed.Count == 0 ? null : string.Join("; ", failed.Select(r => $"location {r.Name}: {string.Join("; ", r.Verification.Reasons)}")),
            StartedAt = pin.StartedAt,
            FinishedAt = clock.GetUtcNow(),
            Locations = LocationsJson(results),
        };
    }

    /// <summary>Each location's result as the record's Locations text: name, outcome, grade, coverage, stray mark,
    /// evidence path and hash, in the recipe's order.</summary>
    internal static string LocationsJson(IEnumerable<LocationResult> results) => JsonSerializer.Serialize(results.Select(r => new
    {
        name = r.Name,
        outcome = (r.Verification.Passed ? PinOutcome.Verified : PinOutcome.Rejected).ToString(),
        grade = r.Verification.Grade.Overall.ToString(),
        coverage = Math.Round(r.Verification.StrokeCoverage, 4),
        stray = Math.Round(r.Verification.StrayMark, 4),
        evidencePath = r.EvidencePath,
        evidenceSha256 = r.EvidenceSha256,
    }));

    private static async Task DiscardAsync(IEnumerable<LocationCapture> captures)
    {
        foreach (var capture in captures)
        {
            await Task.WhenAny(capture.Frame).ConfigureAwait(false);
            if (capture.Frame.IsCompletedSuccessfully)
            {
                capture.Frame.Result.Dispose();
            }
        }
    }

    /// <summary>One location's check: its verification and the evidence written for it.</summary>
    internal sealed record LocationResult(string Name, MarkVerification Verification, string EvidencePath, string EvidenceSha256);
}

/// <summary>One location photographed: what was burned there and its frame (which may still be on its way).</summary>
public sealed record LocationCapture(LocationMarking Marking, Task<CameraFrame> Frame);
