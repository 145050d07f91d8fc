using Engraver.Service.Station;
using Xunit;

namespace Engraver.Service.Tests.Station;

public class StationAlarmsTests
{
    [Fact]
    public void An_alarm_keeps_the_profile_text_as_help_and_its_first_sentence_as_text()
    {
        var alarms = new StationAlarms();

        var alarm = alarms.Raise(1, "Hard limit triggered. Re-homing is highly recommended.", DateTimeOffset.UnixEpoch);

        Assert.Equal(("ALARM:1", "Hard limit triggered"), (alarm.Code, alarm.Text));
        Assert.Equal("Hard limit triggered. Re-homing is highly recommended.", alarm.Help);
        Assert.False(alarm.Acknowledged);
    }

    [Fact]
    public void Acknowledging_marks_only_that_alarm_and_an_unknown_id_is_null()
    {
        var alarms = new StationAlarms();
        var first = alarms.Raise(1, "Hard limit triggered.", DateTimeOffset.UnixEpoch);
        alarms.Raise(2, "Soft limit.", DateTimeOffset.UnixEpoch);

        var acknowledged = alarms.Acknowledge(first.Id);

        Assert.True(acknowledged?.Acknowledged);
        Assert.Equal([true, false], alarms.List().Select(a => a.Acknowledged));
        Assert.Null(alarms.Acknowledge(99));
    }
}
