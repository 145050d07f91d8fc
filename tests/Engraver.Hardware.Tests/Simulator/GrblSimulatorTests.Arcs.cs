using Engraver.Core.Geometry;
using Engraver.Hardware.Grbl;

namespace Engraver.Hardware.Tests.Simulator;

/// <summary>G2/G3 arcs and units.</summary>
public sealed partial class GrblSimulatorTests
{
    [Fact]
    public async Task A_counter_clockwise_arc_burns_chords_on_its_circle()
    {
        await using var station = await HomedAsync();

        // Work zero at machine (-50, -50): the arc's centre, inside GRBL's negative machine space.
        await station.Client.StreamAsync(["G10 L2 P1 X-50 Y-50", "M4 S1000 F600", "G1 X10 Y0", "G3 X0 Y10 I-10 J0", "M5"], null, CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        var centre = new Point2(-50, -50);
        var arc = station.Simulator.BurnLogSnapshot().Skip(1).Select(s => s.To - centre).ToList();
        Assert.True(arc.Count > 10, $"a 10 mm quarter circle at 0.002 mm tolerance needs many chords, got {arc.Count}");
        Assert.All(arc, p => Assert.Equal(10, p.Length, 3));
        Assert.All(arc, p => Assert.True(p.X >= -1e-9 && p.Y >= -1e-9, "a counter-clockwise quarter from +X to +Y stays in the first quadrant"));
        Assert.Equal(new Point2(-50, -40), station.Simulator.MachinePosition);
    }

    [Fact]
    public async Task An_arc_whose_end_is_off_its_circle_is_answered_error_33()
    {
        await using var station = await HomedAsync();

        var error = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.SendCommandAsync("G2 X1 Y1 I5 F600", CancellationToken.None));

        Assert.Equal(33, error.Code);
    }

    [Fact]
    public async Task Inches_are_converted_to_millimetres()
    {
        await using var station = await HomedAsync();

        await station.Client.StreamAsync(["G20", "G0 X-1 Y-0.5", "G21"], null, CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        Assert.Equal(-25.4, station.Simulator.MachinePosition.X, 6);
        Assert.Equal(-12.7, station.Simulator.MachinePosition.Y, 6);
    }
}
