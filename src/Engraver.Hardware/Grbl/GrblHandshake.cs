using System.Diagnostics;
using System.Globalization;
using Engraver.Core.Firmware;

namespace Engraver.Hardware.Grbl;

/// <summary>Bringing a link up: soft reset and banner, "$I" for build info, machine id and buffer size,
/// "$$" against the profile's required settings and for the machine's travel, then the first status report.</summary>
internal sealed class GrblHandshake(GrblClient client, string linkName)
{
    private FirmwareProfile Profile => client.Profile;

    /// <summary>How long the line must be silent before the reset is sent.</summary>
    private static readonly TimeSpan QuietBeforeReset = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a reset may go unanswered before it is sent again.</summary>
    private static readonly TimeSpan ResetAnswerWait = TimeSpan.FromSeconds(2);

    public async Task<GrblConnection> RunAsync(CancellationToken cancellationToken)
    {
        // A controller that powered up before the port was opened has its banner waiting in the port. Were
        // it taken for the answer to our reset, the "$I" sent next could be read after the reset and be
        // answered twice (real GRBL does that): let what is waiting arrive first.
        await client.WaitForQuietAsync(QuietBeforeReset, client.Options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var banner = await ResetAsync(cancellationToken).ConfigureAwait(false);
        if (!banner.Text.StartsWith(Profile.BannerPrefix, StringComparison.Ordinal))
        {
            throw new GrblProtocolException($"{linkName} answered \"{banner.Text}\", but the {Profile.Name} profile expects a banner starting with \"{Profile.BannerPrefix}\".");
        }

        GrblReply info;
        try
        {
            info = await client.SendCommandAsync("$I", cancellationToken).ConfigureAwait(false);
        }
        catch (GrblResetException)
        {
            // A banner already on its way when the port opened (power-up, or a board that resets when
            // the port opens) can arrive after ours: the controller is freshly reset either way. The "$I"
            // may still be answered if it was read after that reset: let its answer pass, then ask again.
            client.Router.ExpectStrayReplies(true);
            await client.WaitForQuietAsync(QuietBeforeReset, client.Options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            client.Router.ExpectStrayReplies(false);
            info = await client.SendCommandAsync("$I", cancellationToken).ConfigureAwait(false);
        }

        var version = info.Info.OfType<GrblVersionInfo>().FirstOrDefault();
        var options = info.Info.OfType<GrblOptionsInfo>().FirstOrDefault();

        // grblHAL reports its own receive buffer in [OPT:]; trust the controller over the profile.
        var rxBufferBytes = options?.RxBufferBytes is > 1 and var reported ? reported : Profile.RxBufferBytes;
        var listing = await client.SendCommandAsync("$$", cancellationToken).ConfigureAwait(false);
        var settings = listing.Info.OfType<GrblSetting>().ToArray();
        var written = await CheckSettingsAsync(settings, cancellationToken).ConfigureAwait(false);

        // What was just written counts over the listing read before it.
        var machine = GrblMachineSettings.Read(
            settings.Concat(written.Select(w => new GrblSetting(int.Parse(w.Setting.AsSpan(1), CultureInfo.InvariantCulture), w.Required))),
            linkName);
        var status = await client.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
        return new GrblConnection(banner.Text, banner.Version, version?.Version, options?.Codes, options?.PlannerBlocks, rxBufferBytes, status.State)
        {
            MachineId = string.IsNullOrWhiteSpace(version?.BuildName) ? null : version.BuildName,
            SettingsWritten = written,
            Machine = machine,
        };
    }

    /// <summary>Soft-resets until a banner answers, within the connect timeout. GRBL drops a reset that arrives
    /// while it is still reporting a limit alarm (it clears the reset flag before it waits for one), so a reset
    /// unanswered for <see cref="ResetAnswerWait"/> is sent again.</summary>
    private async Task<GrblBanner> ResetAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var banner = client.Router.ExpectBanner();
        while (true)
        {
            await client.SendRealtimeAsync(GrblRealtime.SoftReset, cancellationToken).ConfigureAwait(false);
            var left = client.Options.ConnectTimeout - Stopwatch.GetElapsedTime(started);
            var wait = left < ResetAnswerWait ? left : ResetAnswerWait;
            try
            {
                return await banner.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (Stopwatch.GetElapsedTime(started) < client.Options.ConnectTimeout)
            {
                // Not answered yet: send the reset again (the same banner answers either).
            }
            catch (TimeoutException)
            {
                throw new GrblTimeoutException($"Timed out after {client.Options.ConnectTimeout.TotalSeconds:0.###} s: no GRBL banner after a soft reset on {linkName} (wrong port or baud rate?).");
            }
        }
    }

    private async Task<IReadOnlyList<GrblSettingMismatch>> CheckSettingsAsync(IReadOnlyList<GrblSetting> settings, CancellationToken cancellationToken)
    {
        var mismatches = GrblSettingsCheck.Compare(Profile.RequiredSettings, settings);
        if (mismatches.Count == 0)
        {
            return [];
        }

        if (Profile.SettingsPolicy == SettingsPolicy.Verify)
        {
            throw new GrblSettingsException(
                $"The controller on {linkName} does not match the {Profile.Name} profile: {string.Join("; ", mismatches.Select(m => m.Describe()))}. Set it with \"{mismatches[0].Setting}={mismatches[0].Required}\" or use a profile whose settings policy is Write.",
                mismatches);
        }

        foreach (var mismatch in mismatches)
        {
            await client.SendCommandAsync($"{mismatch.Setting}={mismatch.Required}", cancellationToken).ConfigureAwait(false);
        }

        return mismatches;
    }
}
