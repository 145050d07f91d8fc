using Engraver.Hardware.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

public sealed class GrblResponseParserTests
{
    [Fact]
    public void Ok_is_parsed() => Assert.IsType<GrblOk>(GrblResponseParser.Parse("ok"));

    [Theory]
    [InlineData("error:9", 9)]
    [InlineData("error:20", 20)]
    public void Error_carries_its_code(string line, int code) =>
        Assert.Equal(new GrblError(code), GrblResponseParser.Parse(line));

    [Fact]
    public void Alarm_carries_its_code() => Assert.Equal(new GrblAlarm(3), GrblResponseParser.Parse("ALARM:3"));

    [Fact]
    public void Banner_gives_the_version() =>
        Assert.Equal(new GrblBanner("Grbl 1.1h ['$' for help]", "1.1h"), GrblResponseParser.Parse("Grbl 1.1h ['$' for help]"));

    [Theory]
    [InlineData("[MSG:Caution: Unlocked]", "MSG", "Caution: Unlocked")]
    [InlineData("[MSG:'$H'|'$X' to unlock]", "MSG", "'$H'|'$X' to unlock")]
    [InlineData("[GC:G0 G54 G17 G21 G90 G94 M5 M9 T0 F0 S0]", "GC", "G0 G54 G17 G21 G90 G94 M5 M9 T0 F0 S0")]
    public void Bracketed_feedback_keeps_kind_and_text(string line, string kind, string text) =>
        Assert.Equal(new GrblFeedback(kind, text), GrblResponseParser.Parse(line));

    [Fact]
    public void Version_line_splits_version_and_build_name() =>
        Assert.Equal(new GrblVersionInfo("1.1h.20190830", string.Empty), GrblResponseParser.Parse("[VER:1.1h.20190830:]"));

    [Fact]
    public void Options_line_gives_planner_and_rx_sizes() =>
        Assert.Equal(new GrblOptionsInfo("V", 15, 128), GrblResponseParser.Parse("[OPT:V,15,128]"));

    [Theory]
    [InlineData("$32=1", 32, "1")]
    [InlineData("$110=6000.000", 110, "6000.000")]
    public void Setting_line_gives_number_and_value(string line, int number, string value) =>
        Assert.Equal(new GrblSetting(number, value), GrblResponseParser.Parse(line));

    [Fact]
    public void Status_report_with_machine_position_rates_and_offset()
    {
        var report = Assert.IsType<GrblStatusReport>(GrblResponseParser.Parse("<Idle|MPos:1.000,-2.500,0.000|FS:600,500|WCO:10.000,5.000,0.000>"));

        Assert.Equal(GrblMachineState.Idle, report.State);
        Assert.Null(report.SubState);
        Assert.Equal(new GrblPosition(1, -2.5, 0), report.MachinePosition);
        Assert.Equal(new GrblPosition(10, 5, 0), report.WorkCoordinateOffset);
        Assert.Equal(600, report.FeedRate);
        Assert.Equal(500, report.SpindleSpeed);
    }

    [Fact]
    public void Status_report_with_every_optional_field()
    {
        var report = Assert.IsType<GrblStatusReport>(GrblResponseParser.Parse("<Hold:0|WPos:1.000,2.000,3.000|Bf:15,128|Ln:99|F:500|Ov:100,50,120|Pn:XD|A:SFM>"));

        Assert.Equal(GrblMachineState.Hold, report.State);
        Assert.Equal(0, report.SubState);
        Assert.Equal(new GrblPosition(1, 2, 3), report.WorkPosition);
        Assert.Equal((15, 128), report.BufferState);
        Assert.Equal(99, report.LineNumber);
        Assert.Equal(500, report.FeedRate);
        Assert.Equal((100, 50, 120), report.Overrides);
        Assert.Equal("XD", report.Pins);
    }

    [Theory]
    [InlineData("")]
    [InlineData("okay")]
    [InlineData("error:")]
    [InlineData("error:x1")]
    [InlineData("ALARM:-1")]
    [InlineData("<Flying|MPos:0,0,0>")]
    [InlineData("<Idle|MPos:0,0>")]
    [InlineData("<Idle|MPos:a,b,c>")]
    [InlineData("<Idle|FS:1>")]
    [InlineData("<Idle|Bf>")]
    [InlineData("<Hold:x>")]
    [InlineData("[no colon]")]
    [InlineData("$x=1")]
    [InlineData("Grbl")]
    [InlineData("\u0001\u00ff<")]
    public void Malformed_lines_become_unknown(string line) =>
        Assert.Equal(new GrblUnknown(line), GrblResponseParser.Parse(line));

    [FsCheck.Xunit.Property]
    public bool Any_text_parses_without_throwing(string? text) =>
        text is null || GrblResponseParser.Parse(text) is not null;

    [Theory]
    [InlineData("(ok", "(")]
    [InlineData("[MSG:ok", "[MSG:")]
    [InlineData("rror:5ok", "rror:5")]
    public void Noise_glued_before_ok_is_split_from_the_reply(string line, string noise) =>
        Assert.Equal((GrblOk.Instance, noise), GrblResponseParser.ParseRecovering(line));

    [Fact]
    public void Noise_glued_before_an_error_keeps_the_code() =>
        Assert.Equal((new GrblError(22), "~~"), GrblResponseParser.ParseRecovering("~~error:22"));

    [Theory]
    [InlineData("ok")]
    [InlineData("[MSG:Caution: Unlocked]")]
    [InlineData("$10=1")]
    public void Valid_messages_are_never_cut(string line) =>
        Assert.Null(GrblResponseParser.ParseRecovering(line).Noise);
}
