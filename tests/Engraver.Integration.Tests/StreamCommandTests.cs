using Engraver.Integration.Tests.Support;
using Engraver.Simulator.Grbl;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver stream` against the twin: a line the controller would refuse is refused before a
/// byte is sent, and a controller in Alarm is reported with how to clear it, before and after a stream.</summary>
public class StreamCommandTests
{
    [Fact]
    public async Task A_file_with_a_line_over_the_line_buffer_is_refused_naming_its_line_before_a_byte_is_sent()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "long.gcode");
        await File.WriteAllTextAsync(file, "; header\nG21 G90\nM4 S100\n\nG1 X1 Y" + new string('1', 76) + " F600\nM5\n");
        await using var twin = GrblSimulator.Start();

        var (code, output) = await EngraverProcess.RunAsync("stream", "--port", twin.PortPath, file);

        Assert.True(code == 2, output);
        Assert.Contains("line 5 has", output, StringComparison.Ordinal);
        Assert.Contains("at most 79", output, StringComparison.Ordinal);
        Assert.Equal(0, twin.LinesReceived);
    }

    [Fact]
    public async Task Streaming_to_a_controller_in_alarm_says_so_and_how_to_clear_it_and_sends_nothing()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "short.gcode");
        await File.WriteAllTextAsync(file, "G21 G90\nG1 X1 F600\n");
        await using var twin = GrblSimulator.Start(); // homing enabled: it powers up locked

        var (code, output) = await EngraverProcess.RunAsync("stream", "--port", twin.PortPath, file);

        Assert.True(code == 1, output);
        Assert.Contains("is in Alarm", output, StringComparison.Ordinal);
        Assert.Contains("$X", output, StringComparison.Ordinal);
        Assert.Contains("$H", output, StringComparison.Ordinal);
        Assert.DoesNotContain("GRBL rejected", output, StringComparison.Ordinal);
        Assert.Equal(0, twin.LinesReceived);
    }

    [Fact]
    public async Task A_stream_stopped_by_an_error_in_motion_says_the_controller_is_left_in_alarm()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "moves.gcode");
        await File.WriteAllTextAsync(file, "M4 S100\nG1 X10 F600\nG1 X0\nG1 X10\nG1 X0\nM5\n");
        await using var twin = GrblSimulator.Start(new SimulatorOptions { TimeScale = 1 });
        twin.Faults.RespondError(4, 20);

        var (code, output) = await EngraverProcess.RunAsync("stream", "--port", twin.PortPath, "--home", file);

        Assert.True(code == 1, output);
        Assert.Contains("error:20", output, StringComparison.Ordinal);
        Assert.Contains("left in Alarm", output, StringComparison.Ordinal);
        Assert.Contains("ALARM:3", output, StringComparison.Ordinal);
        Assert.Contains("Reset while in motion", output, StringComparison.Ordinal);
        Assert.Equal("Alarm", twin.State);
    }
}
