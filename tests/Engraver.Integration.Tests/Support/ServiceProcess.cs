using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Engraver.Service.Api;

namespace Engraver.Integration.Tests.Support;

/// <summary>The station service (engraver-service) in its own process, configured through ENGRAVER_
/// environment variables as an installation would be, on the built-in twin. Once it has connected, an operator
/// of its own ("shift-operator") homes and starts it through the API (POST /api/station/home, then /start), as
/// at the start of a shift: the service moves nothing before. <see cref="StartUnstarted"/> leaves that out.</summary>
internal sealed class ServiceProcess : IDisposable
{
    /// <summary>The API user who homes and starts the station; every pin record names it.</summary>
    public const string StarterId = "shift-operator";

    private const string StarterKey = "shift-operator-key-0001";
    private static readonly Lazy<string> StarterKeyHash = new(() => ApiKeyHash.Create(StarterKey, iterations: 10_000).ToString());

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly CancellationTokenSource _stop = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The service's process id (the one a refused second service names as the holder).</summary>
    public int Id => _process.Id;

    /// <summary>What the service printed so far (for a failing assertion's message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the service with <paramref name="settings"/> ("Station:Id" = "st-1", ...); once connected,
    /// <see cref="StarterId"/> homes and starts it through the API.</summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The API must be reachable to press Home and Start: on a port of its own unless the test names one.
        var url = settings.TryGetValue("Api:Urls", out var named) ? named.Split(';')[0] : $"http://127.0.0.1:{FreePort()}";
        var withStarter = new Dictionary<string, string>(settings) { ["Api:Urls"] = url };
        var index = Enumerable.Range(0, 100).First(i => !settings.ContainsKey($"Api:Users:{i}:Id"));
        withStarter[$"Api:Users:{index}:Id"] = StarterId;
        withStarter[$"Api:Users:{index}:Role"] = "Operator";
        withStarter[$"Api:Users:{index}:KeyHash"] = StarterKeyHash.Value;
        var service = Launch(withStarter);
        _ = service.HomeAndStartAsync(new Uri(url));
        return service;
    }

    /// <summary>Starts the service and leaves it as it starts: connected, waiting for Home and Start.</summary>
    public static ServiceProcess StartUnstarted(IReadOnlyDictionary<string, string> settings) => Launch(settings);

    /// <summary>As <see cref="StartUnstarted"/>, in <paramref name="workingDirectory"/> (the program's own folder
    /// otherwise).</summary>
    public static ServiceProcess StartUnstartedIn(string workingDirectory, IReadOnlyDictionary<string, string> settings) =>
        Launch(settings, workingDirectory);

    /// <summary>An installed service: <paramref name="program"/> (its apphost) in <paramref name="workingDirectory"/>
    /// with exactly these <paramref name="variables"/> added to the environment (ENGRAVER_ names, as a unit's
    /// environment file gives them); left waiting for Home and Start.</summary>
    public static ServiceProcess StartInstalled(string program, string workingDirectory, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException(program + " did not start"));
    }

    private static ServiceProcess Launch(IReadOnlyDictionary<string, string> settings, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engraver-service.dll"));
        // Several services run at once here: each API on a port of its own unless the test names one.
        start.Environment["ENGRAVER_Api__Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment["ENGRAVER_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>As an operator at the start of a shift: waits for the station to connect, homes it, starts it.
    /// Ends with the process; what it did (or why not) goes into <see cref="Output"/>.</summary>
    private async Task HomeAndStartAsync(Uri url)
    {
        using var api = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, StarterKey);
        try
        {
            while (!_process.HasExited)
            {
                var status = await StatusAsync(api);
                if (status is { } s && s.GetProperty("state").GetString() == "Idle" && s.GetProperty("controller").ValueKind == JsonValueKind.Object)
                {
                    var homed = s.GetProperty("homed").GetBoolean();
                    using var pressed = await api.PostAsync(homed ? "/api/station/start" : "/api/station/home", null, _stop.Token);
                    Append($"[test] {StarterId} pressed {(homed ? "Start" : "Home")}: {(int)pressed.StatusCode}");
                    if (homed && pressed.IsSuccessStatusCode)
                    {
                        return;
                    }
                }

                await Task.Delay(100, _stop.Token);
            }
        }
        catch (Exception ended) when (ended is OperationCanceledException or HttpRequestException or ObjectDisposedException or InvalidOperationException)
        {
            Append($"[test] {StarterId} did not home and start the station: {ended.Message}");
        }
    }

    private async Task<JsonElement?> StatusAsync(HttpClient api)
    {
        try
        {
            return await api.GetFromJsonAsync<JsonElement>("/api/status", _stop.Token);
        }
        catch (HttpRequestException)
        {
            return null; // Not listening yet.
        }
    }

    /// <summary>A loopback TCP port nothing listens on now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until the service answers on <paramref name="api"/> with its station Idle; fails if the service
    /// stops or does not come up within two minutes.</summary>
    public async Task WaitUntilIdleAsync(HttpClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            Xunit.Assert.False(HasExited, "The service stopped:\n" + Output);
            try
            {
                var status = await api.GetFromJsonAsync<JsonElement>("/api/status");
                if (status.GetProperty("state").GetString() == "Idle")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Xunit.Assert.True(DateTime.UtcNow < deadline, "The service did not come up:\n" + Output);
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or a power cut.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd stops a service; returns the exit code once it has ended.</summary>
    public async Task<int> TerminateAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits for the service to end on its own; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _stop.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
