using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Engraver.Panel.Api;

/// <summary>The panel's side of the service's local API: every call carries the user's key and comes
/// back as an <see cref="ApiResult{T}"/>, so a refusal (401, 403, 409) or an unreachable service is a
/// message for the operator, never an exception that ends the panel.</summary>
public sealed class PanelClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;

    public PanelClient(Uri serviceUrl, string apiKey, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        // A base address without a trailing slash would lose its last path segment to every relative call.
        ServiceUrl = serviceUrl.AbsoluteUri.EndsWith('/') ? serviceUrl : new Uri(serviceUrl.AbsoluteUri + "/");
        _requestTimeout = requestTimeout ?? DefaultRequestTimeout;

        // The event stream stays open for as long as the panel runs, so the client itself never times
        // out; each ordinary request gets its own timeout instead.
        _http = new HttpClient { BaseAddress = ServiceUrl, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey.Trim());
    }

    public Uri ServiceUrl { get; }

    public Task<ApiResult<WhoAmI>> WhoAmIAsync(CancellationToken cancellationToken) =>
        SendAsync<WhoAmI>(() => new HttpRequestMessage(HttpMethod.Get, "api/whoami"), cancellationToken);

    public Task<ApiResult<StatusSnapshot>> GetStatusAsync(CancellationToken cancellationToken) =>
        SendAsync<StatusSnapshot>(() => new HttpRequestMessage(HttpMethod.Get, "api/status"), cancellationToken);

    public Task<ApiResult<IReadOnlyList<JobSummary>>> GetJobsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<JobSummary>>(() => new HttpRequestMessage(HttpMethod.Get, "api/jobs"), cancellationToken);

    /// <summary>Submits a job file as it is on disk; the service validates it and names every bad line.</summary>
    public Task<ApiResult<SubmittedJob>> SubmitJobAsync(string fileName, string content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var mediaType = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "text/csv";
        return SendAsync<SubmittedJob>(
            () => new HttpRequestMessage(HttpMethod.Post, $"api/jobs?name={Uri.EscapeDataString(fileName)}")
            {
                Content = new StringContent(content, Encoding.UTF8, mediaType),
            },
            cancellationToken);
    }

    public Task<ApiResult<JsonElement>> PauseJobAsync(string jobId, CancellationToken cancellationToken) =>
        PostAsync($"api/jobs/{Segment(jobId)}/pause", null, cancellationToken);

    public Task<ApiResult<JsonElement>> ResumeJobAsync(string jobId, CancellationToken cancellationToken) =>
        PostAsync($"api/jobs/{Segment(jobId)}/resume", null, cancellationToken);

    public Task<ApiResult<JsonElement>> CancelJobAsync(string jobId, CancellationToken cancellationToken) =>
        PostAsync($"api/jobs/{Segment(jobId)}/cancel", null, cancellationToken);

    public Task<ApiResult<JsonElement>> HomeAsync(CancellationToken cancellationToken) =>
        PostAsync("api/station/home", null, cancellationToken);

    public Task<ApiResult<JsonElement>> StartAsync(CancellationToken cancellationToken) =>
        PostAsync("api/station/start", null, cancellationToken);

    public Task<ApiResult<JsonElement>> ResetEStopAsync(CancellationToken cancellationToken) =>
        PostAsync("api/station/reset", null, cancellationToken);

    public Task<ApiResult<JsonElement>> UnlockAsync(CancellationToken cancellationToken) =>
        PostAsync("api/station/unlock", null, cancellationToken);

    public Task<ApiResult<JsonElement>> ResumeStationAsync(CancellationToken cancellationToken) =>
        PostAsync("api/station/resume", null, cancellationToken);

    public Task<ApiResult<JsonElement>> PauseStationAsync(CancellationToken cancellationToken) =>
        PostAsync("api/station/pause", null, cancellationToken);

    /// <summary>A relative move with the laser off; the service refuses it unless the station allows it.</summary>
    public Task<ApiResult<JsonElement>> JogAsync(double dxMm, double dyMm, double feedMmPerMin, CancellationToken cancellationToken) =>
        PostAsync("api/station/jog", new JogBody(dxMm, dyMm, feedMmPerMin), cancellationToken);

    /// <summary>To a slot's centre, under the laser or (<paramref name="underCamera"/>) the camera, with the laser off.</summary>
    public Task<ApiResult<JsonElement>> GotoSlotAsync(int slot, bool underCamera, CancellationToken cancellationToken) =>
        PostAsync("api/station/goto-slot", new GotoSlotBody(slot, underCamera ? "camera" : "laser"), cancellationToken);

    /// <summary>Traces the marking's outline over a slot (null: the slot the next pin takes) with the laser off.</summary>
    public Task<ApiResult<JsonElement>> FrameAsync(int? slot, CancellationToken cancellationToken) =>
        PostAsync("api/station/frame", new FrameBody(slot), cancellationToken);

    public Task<ApiResult<JsonElement>> SetOverridesAsync(int powerPercent, int feedPercent, CancellationToken cancellationToken) =>
        PostAsync("api/station/overrides", new OverridesBody(powerPercent, feedPercent), cancellationToken);

    public Task<ApiResult<JsonElement>> AcknowledgeAlarmAsync(long alarmId, CancellationToken cancellationToken) =>
        PostAsync($"api/alarms/{alarmId}/acknowledge", null, cancellationToken);

    public Task<ApiResult<JsonElement>> ResolvePinAsync(string serial, string outcome, string note, CancellationToken cancellationToken) =>
        PostAsync($"api/pins/{Segment(serial)}/resolve", new ResolveRequest(outcome, note), cancellationToken);

    /// <summary>Opens `GET /api/events`; the caller owns the response and reads its body as it arrives.</summary>
    public async Task<HttpResponseMessage> OpenEventStreamAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the problem out of a refused response; a body that is not a problem still gives
    /// the status line, so the operator always learns why.</summary>
    public static async Task<Problem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var problem = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<Problem>(text, PanelJson.Options);
            if (problem is not null && (problem.Title is not null || problem.Detail is not null))
            {
                return problem with { Status = status };
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy page, plain text): fall through to the status line.
        }

        return new Problem($"{status} {response.ReasonPhrase}", string.IsNullOrWhiteSpace(text) ? null : text.Trim(), status);
    }

    public void Dispose() => _http.Dispose();

    private Task<ApiResult<JsonElement>> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(
            () => new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: PanelJson.Options),
            },
            cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout);
        using var request = createRequest();
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new ApiResult<T>(default, (int)response.StatusCode, await ReadProblemAsync(response, timeout.Token).ConfigureAwait(false));
            }

            var value = response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                ? default
                : await response.Content.ReadFromJsonAsync<T>(PanelJson.Options, timeout.Token).ConfigureAwait(false);
            return new ApiResult<T>(value, (int)response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<T>(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable<T>($"no answer within {_requestTimeout.TotalSeconds:0} s");
        }
        catch (JsonException e)
        {
            return new ApiResult<T>(default, 0, new Problem("The service sent an answer the panel cannot read", $"{request.RequestUri}: {e.Message}"));
        }
    }

    private ApiResult<T> Unreachable<T>(string why) =>
        new(default, 0, new Problem($"Cannot reach the service at {ServiceUrl}", why));

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}
