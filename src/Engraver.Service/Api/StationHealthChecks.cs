using System.Globalization;
using Engraver.Core.Station;
using Engraver.Hardware.Camera;
using Engraver.Service.Station;
using Engraver.Simulator.Camera;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engraver.Service.Api;

/// <summary>The controller link: Healthy only while connected and answering status queries (a report within
/// <see cref="StatusFreshness"/>). While the link is down it says which port, when and why it was lost, and that
/// the station is reconnecting by itself.</summary>
public sealed class ControllerHealthCheck(StationRuntime runtime) : IHealthCheck
{
    /// <summary>Twelve status periods (three seconds): a controller silent for longer is not answering.</summary>
    public static readonly TimeSpan StatusFreshness = StationRuntime.StatusInterval * 12;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(runtime.View(), runtime.Clock.GetUtcNow()));

    public static HealthCheckResult Check(RuntimeView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view switch
        {
            { LinkDown: { } down } => HealthCheckResult.Unhealthy(LinkDownText.Describe(down, now)),
            { ControllerAttached: false } => HealthCheckResult.Unhealthy("the controller is not connected"),
            { Station.State: StationState.Homing } when Stale(view, now) =>
                HealthCheckResult.Degraded("connected and homing: the controller answers no status query until the cycle ends"),
            { ControllerStatus: null } => HealthCheckResult.Unhealthy("connected, but the controller does not answer status queries"),
            { ControllerStatusAt: { } at } when Stale(view, now) => HealthCheckResult.Unhealthy(
                string.Create(CultureInfo.InvariantCulture, $"connected, but the controller's last status report is {(now - at).TotalSeconds:0.0} s old")),
            { ControllerStatus: { } status } => HealthCheckResult.Healthy($"connected, controller {status.State}"),
        };
    }

    private static bool Stale(RuntimeView view, DateTimeOffset now) =>
        view.ControllerStatus is null || view.ControllerStatusAt is not { } at || now - at > StatusFreshness;
}

/// <summary>The camera: Healthy only when it was opened and a frame was read (at start, then the last pin's
/// picture); Unhealthy naming the device and the failure otherwise. The camera twin says it is simulated.</summary>
public sealed class CameraHealthCheck(StationRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(runtime.Devices?.RawCamera));

    /// <param name="camera">The station's camera; null while its devices are not open.</param>
    public static HealthCheckResult Check(ICamera? camera) => camera switch
    {
        null => HealthCheckResult.Unhealthy("the camera is not open (the station's devices are not open)"),
        SimulatedCamera => HealthCheckResult.Healthy("simulated camera (the station twin photographs what the simulated laser burned)"),
        WatchedCamera { LastCapture: { Failure: { } failure } last } watched => HealthCheckResult.Unhealthy(
            string.Create(CultureInfo.InvariantCulture, $"the camera at {watched.Device} gave no picture at {last.At.ToUniversalTime():HH:mm:ss}: {failure}")),
        WatchedCamera { LastCapture: { } last } watched => HealthCheckResult.Healthy(
            string.Create(CultureInfo.InvariantCulture, $"the camera at {watched.Device} gave a picture at {last.At.ToUniversalTime():HH:mm:ss}")),
        { } other => HealthCheckResult.Degraded($"camera {other.GetType().Name}: no picture read yet"),
    };
}

/// <summary>The station itself: Healthy while it works or is ready, Degraded while it waits for a person,
/// Unhealthy when a fault stopped it (e-stop, alarm). The description names the state, why, and the next action,
/// as the status does.</summary>
public sealed class StationHealthCheck(StatusSnapshotBuilder builder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = builder.Build();
        var text = status.State
            + (status.Reason is { Length: > 0 } reason ? ": " + reason : "")
            + (status.NextAction is { Length: > 0 } next ? ". Next: " + next : "");
        return Task.FromResult(status.Light switch
        {
            StationLight.Green => HealthCheckResult.Healthy(text),
            StationLight.Amber => HealthCheckResult.Degraded(text),
            _ => HealthCheckResult.Unhealthy(text),
        });
    }
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
