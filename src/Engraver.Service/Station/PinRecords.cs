using Engraver.Core.Identity;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;

namespace Engraver.Service.Station;

/// <summary>The facts every record of a pin shares (who, where, what was planned, which devices were
/// simulated); callers add the outcome. Texts that come from the job queue are made storable, so a queue
/// written before today's input rules cannot keep a burned pin from its record.</summary>
internal static class PinRecords
{
    public static PinRecord For(PinWork work, StationRig rig, MarkPlan plan, StationContext context) => For(work.Job, work.Identity, work.Slot, work.Attempt, rig, plan, context);

    public static PinRecord For(JobRef job, MicrostampIdentity identity, int slot, int attempt, StationRig rig, MarkPlan plan, StationContext context) => new()
    {
        Serial = identity.Serial,
        Make = identity.Make,
        Model = identity.Model,
        JobId = PinRecordRules.Storable(job.JobId),
        Station = context.StationId,
        Operator = PinRecordRules.Storable(context.OperatorOfJob?.Invoke(job.JobId) ?? context.Operator
            ?? throw new InvalidOperationException($"Pin {identity.Serial} of job {job.JobId} has no operator: nobody started station {context.StationId}.")),
        PinLot = PinRecordRules.Storable(job.PinLot),
        Slot = slot,
        Attempt = attempt,
        Firmware = rig.Firmware.Name,
        FirmwareBanner = rig.FirmwareBanner,
        RecipeName = plan.Recipe.Name,
        PowerFraction = plan.Recipe.PowerFraction,
        FeedMmPerMin = plan.Recipe.FeedMmPerMin,
        Passes = plan.Recipe.Passes,
        // The recipe file's bytes as read at start: an auditor can tell which file made the pin.
        RecipeSha256 = string.IsNullOrEmpty(plan.RecipeSha256) ? null : plan.RecipeSha256,
        ToolpathSha256 = plan.For(identity).Program.Sha256Hex,
        Outcome = PinOutcome.NeedsInspection,
        StartedAt = DateTimeOffset.MinValue,
        FinishedAt = DateTimeOffset.MinValue,
        // Blank means none simulated: stored as null, so a production record keeps the encoding it always had.
        SimulatedDevices = string.IsNullOrWhiteSpace(context.SimulatedDevices) ? null : context.SimulatedDevices,
        // The camera calibration the mark is verified under; null on typed-in values.
        Calibration = context.CalibrationId,
    };
}
