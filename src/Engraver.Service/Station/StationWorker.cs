using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Station;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>The station service: opens the I/O, starts the station loop (the only place the state machine
/// is fired), connects and homes the controller, then runs queued jobs one after another.</summary>
public sealed partial class StationWorker(
    StationRigFactory rigs,
    StationIoFactory ios,
    JobQueue queue,
    StationStateMachine machine,
    IOptions<StationOptions> station,
    IOptions<FixtureOptions> fixture,
    IOptions<RecipeOptions> recipe,
    IOptions<CameraOptions> camera,
    TimeProvider clock,
    StationRuntime runtime,
    ILogger<StationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var io = ios.Create();
        var loop = new StationLoop(machine, io, logger);
        PublishLoop(loop);
        using var loopStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var loopTask = loop.RunAsync(loopStop.Token);
        try
        {
            await loop.FireAsync(StationTrigger.Connect, stoppingToken).ConfigureAwait(false);
            await using var rig = await rigs.CreateAsync(stoppingToken).ConfigureAwait(false);
            await using var published = PublishRig(rig);
            rig.Controller.AlarmRaised += (_, _) => loop.Notify(StationTrigger.AlarmRaised);
            await loop.AttachControllerAsync(new GrblRealtimeCommands(rig.Controller), stoppingToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Connected, stoppingToken).ConfigureAwait(false);
            LogConnected(logger, rig.FirmwareBanner, rigs.RecordsPath);

            await loop.FireAsync(StationTrigger.Home, stoppingToken).ConfigureAwait(false);
            await rig.Controller.HomeAsync(stoppingToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Homed, stoppingToken).ConfigureAwait(false);

            var runner = CreateRunner(rig, loop);
            await foreach (var queued in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOneAsync(runner, Published(queued), stoppingToken).ConfigureAwait(false);
                PublishJobEnded(queued);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            queue.Fail(new OperationCanceledException("The station was stopped."));
        }
        catch (Exception fault)
        {
            LogStationFault(logger, fault, machine.State);
            queue.Fail(fault);
            throw;
        }
        finally
        {
            await loopStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(loopTask).ConfigureAwait(false);
        }
    }

    private static async Task RunOneAsync(BatchRunner runner, QueuedJob queued, CancellationToken stoppingToken)
    {
        try
        {
            var result = await runner.RunAsync(queued.Job, queued.Progress, stoppingToken).ConfigureAwait(false);
            queued.Completion.TrySetResult(result);
        }
        catch (JobValidationException refused)
        {
            queued.Completion.TrySetException(refused);
        }
        catch (Exception fault)
        {
            queued.Completion.TrySetException(fault);
            throw;
        }
    }

    private BatchRunner CreateRunner(StationRig rig, StationLoop loop)
    {
        var plan = new MarkPlan(PinProfile.Default, recipe.Value.ToRecipe(), rig.Firmware);
        var context = new StationContext(
            station.Value.Id,
            station.Value.Operator,
            new Core.Geometry.Point2(camera.Value.OffsetXMm, camera.Value.OffsetYMm),
            MarkVerifierOptions.Default,
            new EvidenceWriter(),
            fixture.Value.ToSoftLimits());
        return new BatchRunner(rig, loop, fixture.Value.ToFixture(), plan, context, new IdentityValidator(), station.Value.MaxAttemptsPerSerial, clock, logger);
    }

    // What the worker publishes for the local API (StationRuntime); kept apart from the station's own work.
    private void PublishLoop(StationLoop loop) => runtime.AttachLoop(loop);

    private IAsyncDisposable PublishRig(StationRig rig) => runtime.AttachRig(rig);

    private QueuedJob Published(QueuedJob queued) => queued with { Progress = runtime.TrackJob(queued.Job, queued.Progress) };

    private void PublishJobEnded(QueuedJob queued) => runtime.JobEnded(queued.Job.JobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller connected: {Banner}; records in {RecordsPath}")]
    private static partial void LogConnected(ILogger logger, string banner, string recordsPath);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Station stopped by a fault in state {State}")]
    private static partial void LogStationFault(ILogger logger, Exception fault, StationState state);
}
