using System.Net.Http.Json;
using Engraver.Core.Station;
using Engraver.Service.Api;
using Engraver.Service.Hosting;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Engraver.Service.Tests.Support;

/// <summary>The whole service as it runs in production (the host, the station worker on the twin over a pty,
/// SQLite records in a temp folder) with Kestrel on a free loopback port, and three users: alice (Operator),
/// sue (Supervisor) and quinn (QA). Once the station has connected, alice homes and starts it through the API
/// (POST /api/station/home, then /start), as an operator does at the start of a shift: nothing moves before.
/// <see cref="Unstarted"/> leaves that to the test.</summary>
public sealed class ApiServiceFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string OperatorKey = "operator-key-alice-0001";
    public const string SupervisorKey = "supervisor-key-sue-0001";
    public const string QaKey = "qa-key-quinn-00000001";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engraver-api-" + Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?>? _extraSettings;
    private readonly bool _homeAndStart = true;
    private WebApplication? _host;

    public ApiServiceFixture()
    {
    }

    // xunit builds class fixtures through the one public constructor; a test that needs other settings uses With.
    private ApiServiceFixture(IReadOnlyDictionary<string, string?> extraSettings, bool homeAndStart = true)
    {
        _extraSettings = extraSettings;
        _homeAndStart = homeAndStart;
    }

    /// <summary>A service with <paramref name="extraSettings"/> over the usual ones ("Station:QueuePollMs" = "50").</summary>
    public static ApiServiceFixture With(IReadOnlyDictionary<string, string?> extraSettings) => new(extraSettings);

    /// <summary>A service that is left connected and waiting, not homed and not started: for tests of the start gate.</summary>
    public static ApiServiceFixture Unstarted(IReadOnlyDictionary<string, string?>? extraSettings = null) =>
        new(extraSettings ?? new Dictionary<string, string?>(), homeAndStart: false);

    /// <summary>Starts a service a test owns (rather than a shared class fixture): the caller disposes it with
    /// <c>await using</c>; one that fails to start is disposed here.</summary>
    public async Task<ApiServiceFixture> StartedAsync()
    {
        try
        {
            await InitializeAsync();
            return this;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Uri BaseAddress { get; private set; } = null!;

    public StationRuntime Runtime => Services.GetRequiredService<StationRuntime>();

    public QueueStatus Queue => Services.GetRequiredService<QueueStatus>();

    /// <summary>Where the service's Serilog file sink writes (one compact-JSON event a line).</summary>
    public string LogFolder => Path.Combine(_folder, "logs");

    /// <summary>The station's data folder: records, evidence, signing keys, checkpoint file.</summary>
    public string DataFolder => Path.Combine(_folder, "data");

    /// <summary>The log events written so far (set "Serilog:MinimumLevel:Default" to see Information).</summary>
    public IReadOnlyList<string> LogLines()
    {
        if (!Directory.Exists(LogFolder))
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(LogFolder).Order(StringComparer.Ordinal))
        {
            // The sink keeps the file open for writing.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }
        }

        return lines;
    }

    public IRecordStore Records => Runtime.Devices?.Records ?? throw new InvalidOperationException("The station has not opened its devices.");

    private IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The service is not started.");

    public async Task InitializeAsync()
    {
        var settings = Settings(_folder);
        foreach (var (key, value) in _extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        _host = EngraverHost.CreateBuilder([], settings).Build();
        await _host.StartAsync();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        await WaitUntilAsync(() => Runtime.Rig is not null && Runtime.Loop?.Snapshot.State == StationState.Idle, "the station to connect");
        if (_homeAndStart)
        {
            await HomeAndStartAsync();
        }
    }

    /// <summary>What the operator does before the station takes work: POST /api/station/home, then /start, as alice.</summary>
    public async Task HomeAndStartAsync()
    {
        using var client = Client(OperatorKey);
        using (var home = await client.PostAsync("/api/station/home", null))
        {
            Assert.True(home.IsSuccessStatusCode, $"home: {(int)home.StatusCode} {await home.Content.ReadAsStringAsync()}");
        }

        await WaitUntilAsync(() => Runtime.View().ControllerStatus?.State == Engraver.Hardware.Grbl.GrblMachineState.Idle, "the controller to report Idle after homing");
        using var start = await client.PostAsync("/api/station/start", null);
        Assert.True(start.IsSuccessStatusCode, $"start: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        }

        return client;
    }

    public async Task<IReadOnlyList<StoredCommandRecord>> CommandsAsync()
    {
        var list = new List<StoredCommandRecord>();
        await foreach (var row in Records.ListCommandsAsync(CancellationToken.None))
        {
            list.Add(row);
        }

        return list;
    }

    public async Task<StatusSnapshot> StatusAsync() =>
        (await Client(SupervisorKey).GetFromJsonAsync<StatusSnapshot>("/api/status"))!;

    /// <summary>Waits for a condition the service reaches on its own (connecting, homing); fails after <paramref name="limit"/> (a minute).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        using var deadline = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(1));
        while (!condition())
        {
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }
        }
    }

    public static Dictionary<string, string?> Settings(string folder) => new()
    {
        ["Station:DataFolder"] = Path.Combine(folder, "data"),
        ["Api:Urls"] = "http://127.0.0.1:0",
        ["Api:Users:0:Id"] = "alice",
        ["Api:Users:0:Role"] = "Operator",
        ["Api:Users:0:KeyHash"] = ApiKeyHash.Create(OperatorKey, iterations: 10_000).ToString(),
        ["Api:Users:1:Id"] = "sue",
        ["Api:Users:1:Role"] = "Supervisor",
        ["Api:Users:1:KeyHash"] = ApiKeyHash.Create(SupervisorKey, iterations: 10_000).ToString(),
        ["Api:Users:2:Id"] = "quinn",
        ["Api:Users:2:Role"] = "QA",
        ["Api:Users:2:KeyHash"] = ApiKeyHash.Create(QaKey, iterations: 10_000).ToString(),
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Serilog:WriteTo:1:Args:path"] = Path.Combine(folder, "logs", "engraver-.json"),
    };
}
