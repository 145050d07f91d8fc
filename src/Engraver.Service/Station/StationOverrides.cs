using Engraver.Core.Toolpaths;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>The feed and laser power overrides in force, as the controller's status report gives them ("Ov:").</summary>
public sealed record OverridePercents(int FeedPercent, int PowerPercent)
{
    public static OverridePercents None { get; } = new(100, 100);

    public bool IsNone => FeedPercent == 100 && PowerPercent == 100;

    public static OverridePercents? From(GrblStatusReport? report) =>
        report?.Overrides is { } ov ? new OverridePercents(ov.Feed, ov.Spindle) : null;

    /// <summary>"Feed 110% Power 95%".</summary>
    public override string ToString() => $"Feed {FeedPercent}% Power {PowerPercent}%";
}

/// <summary>Sets the controller's feed and laser power overrides with GRBL's realtime bytes, within the recipe's
/// <see cref="OverrideLimits"/>, and reads back what the controller reports in force.</summary>
public static class StationOverrides
{
    /// <summary>How many status reports are asked for before the controller is taken not to report its overrides.</summary>
    private const int ReadBackTries = 20;

    /// <summary>The problems with a request against the limits, each naming the limit; empty when it is allowed.</summary>
    public static IReadOnlyList<string> Refuse(OverrideLimits limits, string recipe, int powerPercent, int feedPercent)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var problems = new List<string>();
        if (!limits.Power.Contains(powerPercent))
        {
            problems.Add($"powerPercent {powerPercent} is outside the limits of recipe {recipe}: power {limits.Power}");
        }

        if (!limits.Feed.Contains(feedPercent))
        {
            problems.Add($"feedPercent {feedPercent} is outside the limits of recipe {recipe}: feed {limits.Feed}");
        }

        return problems;
    }

    /// <summary>Sends the bytes that take the overrides from where the controller reports them to the target, then
    /// reads them back; throws <see cref="GrblException"/> when the controller does not arrive there.</summary>
    public static async Task<OverridePercents> SetAsync(GrblClient controller, OverridePercents target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(target);
        var now = await ReadAsync(controller, cancellationToken).ConfigureAwait(false);
        // Unknown (a controller that did not report Ov: lately): from the reset, so the steps are counted from 100.
        var from = now ?? new OverridePercents(-1, -1);
        foreach (var command in GrblOverrideBytes.Feed(from.FeedPercent, target.FeedPercent).Concat(GrblOverrideBytes.LaserPower(from.PowerPercent, target.PowerPercent)))
        {
            await controller.SendRealtimeAsync(command, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < ReadBackTries; i++)
        {
            if (await ReadAsync(controller, cancellationToken).ConfigureAwait(false) is { } read && read == target)
            {
                return read;
            }
        }

        var last = await ReadAsync(controller, cancellationToken).ConfigureAwait(false);
        throw new GrblProtocolException(last is null
            ? $"The controller did not report its overrides (Ov:) after they were set to {target}."
            : $"The controller reports {last} after the overrides were set to {target}.");
    }

    /// <summary>Before a pin is burned: overrides in force that its recipe does not allow (set while another job's
    /// recipe was the one to run) go back to 100 %, so no pin is burned beyond its own recipe's limits. Returns
    /// the overrides that were reset, or null when those in force are allowed (or, not reported, were reset unseen).</summary>
    public static async Task<OverridePercents?> KeepWithinAsync(GrblClient controller, OverrideLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(limits);
        var now = await ReadReportedAsync(controller, cancellationToken).ConfigureAwait(false);
        if (now is null)
        {
            // A controller that does not say its overrides runs the recipe as written: 100 % is within every recipe's limits.
            await ResetAsync(controller, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (limits.Power.Contains(now.PowerPercent) && limits.Feed.Contains(now.FeedPercent))
        {
            return null;
        }

        await SetAsync(controller, OverridePercents.None, cancellationToken).ConfigureAwait(false);
        return now;
    }

    /// <summary>Back to the recipe as written (100 %); the realtime reset bytes, whatever is in force.</summary>
    public static async Task ResetAsync(GrblClient controller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        await controller.SendRealtimeAsync(GrblRealtime.FeedOverrideReset, cancellationToken).ConfigureAwait(false);
        await controller.SendRealtimeAsync(GrblRealtime.LaserPowerOverrideReset, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The overrides in force as the next report that carries them says: GRBL 1.1 adds "Ov:" to one status
    /// report in 10 (idle) to 20 (busy), and to the next one after a change. Null when none of as many reports does.</summary>
    private static async Task<OverridePercents?> ReadReportedAsync(GrblClient controller, CancellationToken cancellationToken)
    {
        for (var i = 0; i < ReadBackTries; i++)
        {
            if (await ReadAsync(controller, cancellationToken).ConfigureAwait(false) is { } reported)
            {
                return reported;
            }
        }

        return null;
    }

    private static async Task<OverridePercents?> ReadAsync(GrblClient controller, CancellationToken cancellationToken) =>
        OverridePercents.From(await controller.QueryStatusAsync(cancellationToken).ConfigureAwait(false));
}
