using Engraver.Service.Station;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engraver.Service.Api;

/// <summary>The controller link: connected and answering status queries. While the link is down it says which
/// port, when and why it was lost, and that the station is reconnecting by itself.</summary>
public sealed class ControllerHealthCheck(StationRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var view = runtime.View();
        return Task.FromResult(view switch
        {
            { LinkDown: { } down } => HealthCheckResult.Unhealthy(LinkDownText.Describe(down, runtime.Clock.GetUtcNow())),
            { ControllerAttached: false } => HealthCheckResult.Unhealthy("the controller is not connected"),
            { ControllerStatus: null } => HealthCheckResult.Degraded("connected, but the controller has not answered a status query yet"),
            { ControllerStatus: { } status } => HealthCheckResult.Healthy($"connected, controller {status.State}"),
        });
    }
}

/// <summary>The camera: opened with the station's devices (it stays open while the controller link is down).</summary>
public sealed class CameraHealthCheck(StationRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.Devices is { } devices
            ? HealthCheckResult.Healthy($"camera {devices.Camera.GetType().Name} open")
            : HealthCheckResult.Unhealthy("the camera is not open (the station's devices are not open)"));
}

/// <summary>The record store: answers a query.</summary>
public sealed class StoreHealthCheck(StationRuntime runtime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (runtime.Devices is not { } rig)
        {
            return HealthCheckResult.Unhealthy("the record store is not open");
        }

        try
        {
            await foreach (var _ in rig.Records.QueryAsync(new RecordQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            return HealthCheckResult.Healthy("the record store answers");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the record store does not answer: {e.Message}", e);
        }
    }
}

/// <summary>The interlocks: Healthy when a pin could start, Degraded naming what is not ready.</summary>
public sealed class InterlocksHealthCheck(StationRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (runtime.Loop?.Snapshot is not { } snapshot)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the station I/O is not open"));
        }

        var reasons = snapshot.Interlocks.NotReadyReasons();
        return Task.FromResult(reasons.Length == 0
            ? HealthCheckResult.Healthy("all interlocks ready")
            : HealthCheckResult.Degraded(reasons));
    }
}

/// <summary>Which devices are simulated: a simulated station is healthy, but /health says what it is.</summary>
public sealed class SimulationHealthCheck(SimulatedDevices simulated) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(simulated.RecordText is { } names
            ? $"SIMULATED: {names}; pin records say so"
            : "no simulated devices"));
}
