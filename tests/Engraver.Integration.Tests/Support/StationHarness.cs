using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Station;
using Engraver.Core.Toolpaths;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Engraver.Integration.Tests.Support;

/// <summary>The embedded default station (twin on a pty, simulated camera, SQLite in a temp folder),
/// connected and homed, with a batch runner built as the service builds it.</summary>
internal sealed class StationHarness : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private StationHarness(TempFolder folder, StationRig rig, StationStateMachine machine, MarkPlan plan, BatchRunner runner)
    {
        _folder = folder;
        Rig = rig;
        Machine = machine;
        Plan = plan;
        Runner = runner;
    }

    public StationRig Rig { get; }

    public StationStateMachine Machine { get; }

    public MarkPlan Plan { get; }

    public BatchRunner Runner { get; }

    public static async Task<StationHarness> StartAsync(CancellationToken cancellationToken)
    {
        var station = new StationOptions { FirmwareProfilesFolder = Path.Combine(RepositoryFiles.Root, "firmware-profiles") };
        var folder = new TempFolder();
        station.DataFolder = folder.Path;
        var camera = new CameraOptions();
        var tray = new FixtureOptions { Rows = 2, Columns = 6 };
        var factory = new StationRigFactory(Options.Create(station), Options.Create(new ControllerOptions()), Options.Create(camera), Options.Create(tray));
        var rig = await factory.CreateAsync(cancellationToken);
        var machine = new StationStateMachine();
        machine.Connect();
        machine.Connected();
        machine.Home();
        await rig.Controller.HomeAsync(cancellationToken);
        machine.Homed();

        var plan = new MarkPlan(PinProfile.Default, Recipe.Default, rig.Firmware);
        var context = new StationContext(station.Id, "tester", new Point2(camera.OffsetXMm, camera.OffsetYMm), MarkVerifierOptions.Default, new EvidenceWriter());
        var fixture = tray.ToFixture();
        var runner = new BatchRunner(rig, machine, fixture, plan, context, new IdentityValidator(), maxAttemptsPerSerial: 2, TimeProvider.System, NullLogger.Instance);
        return new StationHarness(folder, rig, machine, plan, runner);
    }

    public async ValueTask DisposeAsync()
    {
        await Rig.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>Reports synchronously, on the runner's own flow, so a test can act between two pins.</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
