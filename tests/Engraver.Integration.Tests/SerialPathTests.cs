using Engraver.Core.GCode;
using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Integration.Tests.Support;
using Engraver.Simulator.Grbl;
using Engraver.Simulator.Laser;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The service's serial client against the twin, with every byte crossing a real tty.</summary>
public class SerialPathTests
{
    private static readonly Point2 PinCentre = new(30, 40);

    [Fact]
    public async Task Engraved_glyph_bytes_cross_a_real_tty_and_the_burn_log_matches_the_toolpath()
    {
        var identity = new IdentityValidator().Validate("ENGR", "MS1", "AB123456");
        var toolpath = new ToolpathGenerator().Generate(identity, PinProfile.Default);
        var program = GCodeEmitter.Emit(toolpath, Recipe.Default, RepositoryFiles.Grbl11());

        await using var simulator = GrblSimulator.Start();
        Assert.StartsWith("/dev/pts/", simulator.PortPath, StringComparison.Ordinal);
        Assert.True(File.Exists(simulator.PortPath), "the simulator's port is a device file");

        var link = new SerialPortLink(new SerialLinkOptions { PortName = simulator.PortPath });
        link.Open();
        await using var client = new GrblClient(link, RepositoryFiles.Grbl11());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.ConnectAsync(timeout.Token);
        await client.HomeAsync(timeout.Token);
        await client.SendCommandAsync($"G10 L2 P1 X{PinCentre.X} Y{PinCentre.Y}", timeout.Token);
        await client.StreamAsync(program.Lines, null, timeout.Token);
        await client.WaitUntilIdleAsync(timeout.Token);

        var burned = simulator.BurnLogSnapshot();
        var expected = ExpectedSegments(toolpath, PinCentre);
        Assert.Equal(expected.Count, burned.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertNear(expected[i].From, burned[i].From);
            AssertNear(expected[i].To, burned[i].To);
            Assert.Equal(Recipe.Default.PowerFraction, burned[i].PowerFraction, 3);
        }

        Assert.Equal(0, simulator.RxOverruns);
    }

    private static List<(Point2 From, Point2 To)> ExpectedSegments(Toolpath toolpath, Point2 offset)
    {
        var segments = new List<(Point2, Point2)>();
        foreach (var stroke in toolpath.Strokes)
        {
            for (var i = 1; i < stroke.Points.Count; i++)
            {
                segments.Add((stroke.Points[i - 1] + offset, stroke.Points[i] + offset));
            }
        }

        return segments;
    }

    private static void AssertNear(Point2 expected, Point2 actual) =>
        Assert.True(expected.DistanceTo(actual) < 0.001, $"expected {expected}, burned {actual}");
}
