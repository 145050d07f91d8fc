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

/// <summary>The station's one control loop: connect, home, then run queued jobs one after another.
/// All state-machine triggers are fired from here.</summary>
public sealed partial class StationWorker(
    StationRigFactory rigs,
    JobQueue queue,
    StationStateMachine machine,
    IOptions<StationOptions> station,
    IOptions<FixtureOptions> fixture,
    IOptions<RecipeOptions> recipe,
    IOptions<CameraOptions> camera,
    TimeProvider clock,
    ILogger<StationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            machine.Connect();
            await using var rig = await rigs.CreateAsync(stoppingToken).ConfigureAwait(false);
            machine.Connected();
            LogConnected(logger, rig.FirmwareBanner, rigs.RecordsPath);

            machine.Home();
            await rig.Controller.HomeAsync(stoppingToken).ConfigureAwait(false);
            machine.Homed();

            var runner = CreateRunner(rig);
            await foreach (var queued in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOneAsync(runner, queued, stoppingToken).ConfigureAwait(false);
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
    }

    private async Task RunOneAsync(BatchRunner runner, QueuedJob queued, CancellationToken stoppingToken)
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

    private BatchRunner CreateRunner(StationRig rig)
    {
        var plan = new MarkPlan(PinProfile.Default, recipe.Value.ToRecipe(), rig.Firmware);
        var context = new StationContext(
            station.Value.Id,
            station.Value.Operator,
            new Core.Geometry.Point2(camera.Value.OffsetXMm, camera.Value.OffsetYMm),
            MarkVerifierOptions.Default,
            new EvidenceWriter());
        return new BatchRunner(rig, machine, fixture.Value.ToFixture(), plan, context, new IdentityValidator(), station.Value.MaxAttemptsPerSerial, clock, logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller connected: {Banner}; records in {RecordsPath}")]
    private static partial void LogConnected(ILogger logger, string banner, string recordsPath);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Station stopped by a fault in state {State}")]
    private static partial void LogStationFault(ILogger logger, Exception fault, StationState state);
}
