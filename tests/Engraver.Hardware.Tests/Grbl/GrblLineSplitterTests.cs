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
}
