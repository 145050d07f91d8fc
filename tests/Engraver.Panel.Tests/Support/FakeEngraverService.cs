using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engraver.Panel.Tests.Support;

/// <summary>A real Kestrel server on loopback that answers like the service's local API with canned
/// contract JSON, records every command it receives, and can be stopped and started again on the same
/// port, as when the service restarts.</summary>
internal sealed class FakeEngraverService : IAsyncDisposable
{
    public const string OperatorKey = "op-key";
    public const string SupervisorKey = "sup-key";
    public const string QaKey = "qa-key";

    private static readonly Dictionary<string, (string User, string Role)> Users = new(StringComparer.Ordinal)
    {
        [OperatorKey] = ("alice", "Operator"),
        [SupervisorKey] = ("bob", "Supervisor"),
        [QaKey] = ("quinn", "QA"),
    };

    private readonly ConcurrentDictionary<Channel<string>, byte> _subscribers = new();
    private WebApplication? _app;
    private volatile string _status = ContractJson.EngravingStatus;
    private readonly Channel<string> _arrivals = Channel.CreateUnbounded<string>();
    private int _eventStreamsOpened;

    private FakeEngraverService()
    {
    }

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Every accepted command as "user METHOD path body".</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>The same commands as they arrive, for a test that waits for one.</summary>
    public ChannelReader<string> Arrivals => _arrivals.Reader;

    /// <summary>Status events opened so far, to tell a reconnect from the first connection.</summary>
    public int EventStreamsOpened => _eventStreamsOpened;

    /// <summary>When set, the event stream sends headers and then nothing, like a hung service.</summary>
    public bool SilentEvents { get; set; }

    /// <summary>A station refusal (409) for `POST /api/station/jog`, naming why.</summary>
    public string? JogRefusal { get; set; }

    /// <summary>A station refusal (409) for `POST /api/station/home`, naming why.</summary>
    public string? HomeRefusal { get; set; }

    public static async Task<FakeEngraverService> StartAsync()
    {
        var service = new FakeEngraverService();
        await service.StartOnAsync(0).ConfigureAwait(false);
        return service;
    }

    /// <summary>Starts again on the port it had, as a restarted service would.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            foreach (var subscriber in _subscribers.Keys)
            {
                subscriber.Writer.TryComplete();
            }

            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Changes the status and sends it to every open event stream.</summary>
    public void Publish(string statusJson)
    {
        _status = statusJson;
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(statusJson);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        Map(app);
        await app.StartAsync().ConfigureAwait(false);
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    private void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            var key = context.HttpContext.Request.Headers["X-Api-Key"].ToString();
            if (!Users.ContainsKey(key))
            {
                return Results.Json(new { title = "Unknown API key", detail = "Send a configured key in X-Api-Key." }, statusCode: 401);
            }

            return await next(context).ConfigureAwait(false);
        });

        api.MapGet("/whoami", (HttpRequest request) =>
        {
            var (user, role) = Users[request.Headers["X-Api-Key"].ToString()];
            return Results.Json(new { user, role });
        });
        api.MapGet("/status", () => Results.Text(_status, "application/json"));
        api.MapGet("/jobs", () => Results.Text(ContractJson.Jobs, "application/json"));
        api.MapGet("/events", StreamEventsAsync);
        api.MapPost("/station/home", async (HttpContext context) =>
            HomeRefusal is { } why
                ? Results.Json(new { title = "The station refuses", detail = why }, statusCode: 409)
                : await AcceptAsync(context).ConfigureAwait(false));
        api.MapPost("/station/jog", async (HttpContext context) =>
            JogRefusal is { } why
                ? Results.Json(new { title = "The station refused jog", detail = why }, statusCode: 409)
                : await AcceptAsync(context).ConfigureAwait(false));
        api.MapPost("/jobs", async (HttpContext context) =>
        {
            await AcceptAsync(context).ConfigureAwait(false);
            return Results.Json(new { command = "submit-job", outcome = "Accepted", commandSequence = 7, result = new { jobId = "J-2", total = 1 } });
        });
        api.MapPost("/{**path}", (Delegate)AcceptAsync);
    }

    private async Task<IResult> AcceptAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var (user, _) = Users[context.Request.Headers["X-Api-Key"].ToString()];
        var line = $"{user} {context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Request.ContentType} {body}".TrimEnd();
        Commands.Enqueue(line);
        _arrivals.Writer.TryWrite(line);
        return Results.Json(new { accepted = true }, statusCode: 202);
    }

    private async Task StreamEventsAsync(HttpContext context)
    {
        Interlocked.Increment(ref _eventStreamsOpened);
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        var channel = Channel.CreateUnbounded<string>();
        _subscribers.TryAdd(channel, 0);
        try
        {
            if (!SilentEvents)
            {
                channel.Writer.TryWrite(_status);
            }

            await foreach (var json in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                if (SilentEvents)
                {
                    continue;
                }

                await context.Response.WriteAsync($"event: status\ndata: {ContractJson.OneLine(json)}\n\n", context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The panel went away.
        }
        finally
        {
            _subscribers.TryRemove(channel, out _);
        }

        // Ending the response closes the stream: when the server stops, the panel sees the end at once.
        context.Abort();
    }
}
