using System.Text;
using Engraver.Hardware.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

public sealed class GrblLineSplitterTests
{
    [Fact]
    public void Crlf_lines_split_across_chunks_are_joined()
    {
        var splitter = new GrblLineSplitter();

        var first = splitter.Push(Encoding.ASCII.GetBytes("o"));
        var second = splitter.Push(Encoding.ASCII.GetBytes("k\r\n<Idle|MPos:0.000,0.000,0.000>\r\nerr"));

        Assert.Empty(first);
        Assert.Equal(["ok", "<Idle|MPos:0.000,0.000,0.000>"], second);
    }

    [Fact]
    public void Empty_lines_are_dropped() =>
        Assert.Equal(["Grbl 1.1h ['$' for help]"], new GrblLineSplitter().Push(Encoding.ASCII.GetBytes("\r\n\r\nGrbl 1.1h ['$' for help]\r\n")));

    [Fact]
    public void Noise_bytes_are_dropped_and_counted_without_touching_the_reply()
    {
        var splitter = new GrblLineSplitter();

        var lines = splitter.Push([0x00, 0xFF, 0xC3, (byte)'o', (byte)'k', 0x80, (byte)'\r', (byte)'\n']);

        Assert.Equal(["ok"], lines);
        Assert.Equal(4, splitter.DiscardedBytes);
    }

    [Fact]
    public void An_over_long_run_is_dropped_up_to_its_line_ending()
    {
        var splitter = new GrblLineSplitter();

        var lines = splitter.Push(Encoding.ASCII.GetBytes(new string('x', GrblLineSplitter.MaxLineLength + 500) + "\r\nok\r\n"));

        Assert.Equal(["ok"], lines);
        Assert.Equal(1, splitter.DiscardedLines);
        Assert.Equal(GrblLineSplitter.MaxLineLength + 500, splitter.DiscardedBytes);
    }
}
