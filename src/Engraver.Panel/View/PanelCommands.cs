using System.Globalization;
using System.Text.Json;
using Engraver.Core.Input;
using Engraver.Panel.Api;

namespace Engraver.Panel.View;

/// <summary>Carries out what a key asks for through the API and words the outcome for the message
/// line: what was accepted, or the service's own reason for refusing it.</summary>
public sealed class PanelCommands
{
    private readonly PanelClient _client;

    public PanelCommands(PanelClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Runs an action that needs nothing typed; a key the role does not have does nothing.</summary>
    public async Task<string?> RunAsync(PanelAction action, PanelViewModel view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!view.Allows(action))
        {
            return null;
        }

        return action switch
        {
            PanelAction.PauseJob => await ForJobAsync(view, "pause", _client.PauseJobAsync, cancellationToken).ConfigureAwait(false),
            PanelAction.ResumeJob => await ForJobAsync(view, "resume", _client.ResumeJobAsync, cancellationToken).ConfigureAwait(false),
            PanelAction.CancelJob => await ForJobAsync(view, "cancel", _client.CancelJobAsync, cancellationToken).ConfigureAwait(false),
            PanelAction.ResumeStation => Describe("Resume station", await _client.ResumeStationAsync(cancellationToken).ConfigureAwait(false)),
            PanelAction.Home => Describe("Home", await _client.HomeAsync(cancellationToken).ConfigureAwait(false)),
            PanelAction.Start => Describe("Start", await _client.StartAsync(cancellationToken).ConfigureAwait(false)),
            PanelAction.ResetEStop => Describe("Reset e-stop", await _client.ResetEStopAsync(cancellationToken).ConfigureAwait(false)),
            PanelAction.Unlock => Describe("Unlock", await _client.UnlockAsync(cancellationToken).ConfigureAwait(false)),
            PanelAction.Frame => DescribeFrame(await _client.FrameAsync(null, cancellationToken).ConfigureAwait(false)),
            PanelAction.AcknowledgeAlarm => view.AlarmToAcknowledge is { } id
                ? Describe($"Acknowledge alarm #{id}", await _client.AcknowledgeAlarmAsync(id, cancellationToken).ConfigureAwait(false))
                : "No alarm waits to be acknowledged",
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "This action needs input from a dialog first."),
        };
    }

    /// <summary>Reads the job file and submits it; the service names every line it cannot accept.</summary>
    public async Task<string> SubmitJobFileAsync(string path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "Submit job: no file given";
        }

        string? content;
        try
        {
            content = await ReadJobFileAsync(path.Trim(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"Submit job: cannot read {path.Trim()}: {e.Message}";
        }

        if (content is null)
        {
            return $"Submit job: {path.Trim()} is larger than the job file limit of {InputLimits.MaxJobFileBytes} bytes; split it into several jobs";
        }

        var result = await _client.SubmitJobAsync(Path.GetFileName(path.Trim()), content, cancellationToken).ConfigureAwait(false);
        return result is { Succeeded: true, Value: { } job }
            ? $"Submit job: queued as {job.JobId} ({job.Result.Total} serials)"
            : Describe("Submit job", result);
    }

    /// <summary>The file's text, read no further than the job file limit (null beyond it: a device such as
    /// /dev/zero or a huge file is never read whole). Bytes that are not UTF-8 throw, naming the offset, rather than
    /// being replaced.</summary>
    private static async Task<string?> ReadJobFileAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > InputLimits.MaxJobFileBytes)
        {
            return null;
        }

        var stream = info.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            using var bytes = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (bytes.Length + read > InputLimits.MaxJobFileBytes)
                {
                    return null;
                }

                bytes.Write(chunk, 0, read);
            }

            return FreeText.DecodeUtf8(bytes.ToArray(), out var invalidAt)
                ?? throw new IOException($"not valid UTF-8: the first invalid byte is at byte offset {invalidAt}");
        }
    }

    /// <summary>One arrow key's jog by the view's step; a refusal shows the service's reason.</summary>
    public async Task<string?> JogAsync(JogDirection direction, PanelViewModel view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!view.Allows(PanelAction.Jog))
        {
            return null;
        }

        var (dx, dy) = view.Jog.Move(direction);
        var result = await _client.JogAsync(dx, dy, JogStep.FeedMmPerMin, cancellationToken).ConfigureAwait(false);
        return Describe(string.Create(CultureInfo.InvariantCulture, $"Jog {direction.ToString().ToLowerInvariant()} {view.Jog}"), result);
    }

    public async Task<string> GotoSlotAsync(string slot, bool underCamera, CancellationToken cancellationToken)
    {
        if (!int.TryParse(slot?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return $"Go to slot: \"{slot?.Trim()}\" is not a slot number (0, 1, 2, ...)";
        }

        var place = underCamera ? "camera" : "laser";
        return Describe($"Go to slot {number} under the {place}", await _client.GotoSlotAsync(number, underCamera, cancellationToken).ConfigureAwait(false));
    }

    public async Task<string> SetOverridesAsync(string feed, string power, CancellationToken cancellationToken)
    {
        if (!int.TryParse(feed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var feedPercent))
        {
            return $"Overrides: feed \"{feed?.Trim()}\" is not a whole percentage (100 = the recipe as written)";
        }

        if (!int.TryParse(power?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var powerPercent))
        {
            return $"Overrides: power \"{power?.Trim()}\" is not a whole percentage (100 = the recipe as written)";
        }

        return Describe(
            string.Create(CultureInfo.InvariantCulture, $"Overrides feed {feedPercent}% power {powerPercent}%"),
            await _client.SetOverridesAsync(powerPercent, feedPercent, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>"Frame slot 3: traced, laser off: ..." from the service's answer.</summary>
    private static string DescribeFrame(ApiResult<JsonElement> result)
    {
        if (result is { Succeeded: true, Value: { ValueKind: JsonValueKind.Object } answer }
            && answer.TryGetProperty("result", out var framed) && framed.ValueKind == JsonValueKind.Object
            && framed.TryGetProperty("slot", out var slot) && framed.TryGetProperty("laser", out var laser))
        {
            return $"Frame slot {slot.GetInt32()}: outline traced, {laser.GetString()}";
        }

        return Describe("Frame", result);
    }

    public async Task<string> ResolveAsync(string serial, bool verified, string note, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(serial))
        {
            return "Resolve: no serial given";
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return "Resolve: say why in the note; it goes into the record";
        }

        var outcome = verified ? "Verified" : "Rejected";
        var result = await _client.ResolvePinAsync(serial.Trim(), outcome, note.Trim(), cancellationToken).ConfigureAwait(false);
        return Describe($"Resolve {serial.Trim()} as {outcome}", result);
    }

    private static async Task<string> ForJobAsync(
        PanelViewModel view,
        string verb,
        Func<string, CancellationToken, Task<ApiResult<JsonElement>>> call,
        CancellationToken cancellationToken) =>
        view.JobId is { } jobId
            ? Describe($"{char.ToUpperInvariant(verb[0])}{verb[1..]} job {jobId}", await call(jobId, cancellationToken).ConfigureAwait(false))
            : $"No job to {verb}";

    private static string Describe<T>(string what, ApiResult<T> result) =>
        result.Succeeded
            ? $"{what}: accepted"
            : result.StatusCode == 0
                ? $"{what}: {result.Problem!.ToMessage()}"
                : $"{what}: refused ({result.StatusCode}) {result.Problem!.ToMessage()}";
}
