using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Station;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Jobs;
using Engraver.Service.Station;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>A batch on a tray the machine cannot reach (the twin's travel is X -200..0, Y -200..0, Z -50..0 in
/// GRBL's machine space, camera 40 mm to +X of the laser) is refused before anything moves.</summary>
public class TrayOutOfReachTests
{
    [Theory]
    [InlineData(-161.5, -100, -5, "slot 0 under the camera: X -201.5 is outside the travel X -200..0 ($130=200)")]
    [InlineData(-19.5, -100, -5, "slot 2 under the laser: X 0.5 is outside the travel X -200..0 ($130=200)")]
    [InlineData(-100, -5, -5, "slot 5 under the laser: Y 5 is outside the travel Y -200..0 ($131=200)")]
    [InlineData(-100, -201, -5, "slot 0 under the camera: Y -201 is outside the travel Y -200..0 ($131=200)")]
    [InlineData(-100, -100, -55, "slot 4 under the camera: Z -55 is outside the travel Z -50..0 ($132=50)")]
    public async Task Batch_outside_travel_is_refused_naming_slot_and_axis(double originX, double originY, double focusZ, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var station = await StationHarness.StartAsync(timeout.Token);
        var simulator = station.Rig.Simulator!;
        var linesBefore = simulator.LinesReceived;
        var positionBefore = simulator.MachinePosition;
        var camera = new Point2(40, 0);
        var tray = new TrayFixture(Rows: 2, Columns: 3, PitchX: 10, PitchY: 10, new Point2(originX, originY), focusZ);
        var context = new StationContext("station-1", "tester", camera, MarkVerifierOptions.Default, new EvidenceWriter());
        var runner = new BatchRunner(station.Rig, station.Loop, tray, MarkPlans.Of(station.Plan), context, new IdentityValidator(), 2, TimeProvider.System, NullLogger.Instance);

        var refused = await Assert.ThrowsAsync<TrayOutOfReachException>(() =>
            runner.RunAsync(new BatchJob("far", "ENGR", "MS1", "LOT-1", ["FAR00001", "FAR00002"]), progress: null, timeout.Token));

        Assert.Contains(expected, refused.Problems);
        Assert.Equal(StationState.Idle, station.Machine.State);
        Assert.Equal(linesBefore, simulator.LinesReceived);
        Assert.Equal(positionBefore, simulator.MachinePosition);
        Assert.Empty(simulator.BurnLogSnapshot());
        Assert.Empty(await station.Rig.Records.ListPinsAsync(CancellationToken.None));
    }
}
