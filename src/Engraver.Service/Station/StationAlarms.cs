namespace Engraver.Service.Station;

/// <summary>An alarm the controller raised, with the firmware profile's plain-language help.</summary>
public sealed record StationAlarm(int Id, string Code, string Text, string Help, DateTimeOffset RaisedAt, bool Acknowledged);

/// <summary>The alarms raised since the service started, newest last; operators acknowledge them one by one.
/// Thread-safe: the controller raises alarms on its reader thread.</summary>
public sealed class StationAlarms
{
    private const int Kept = 50;
    private readonly Lock _gate = new();
    private readonly List<StationAlarm> _alarms = [];
    private int _nextId = 1;

    public StationAlarm Raise(int code, string description, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(description);
        // The profile's text is one or more sentences: the first names the alarm, all of it is the help.
        var firstStop = description.IndexOf(". ", StringComparison.Ordinal);
        var text = firstStop < 0 ? description.TrimEnd('.') : description[..firstStop];
        lock (_gate)
        {
            var alarm = new StationAlarm(_nextId++, $"ALARM:{code}", text, description, at, Acknowledged: false);
            _alarms.Add(alarm);
            if (_alarms.Count > Kept)
            {
                _alarms.RemoveAt(_alarms.FindIndex(a => a.Acknowledged) is var old and >= 0 ? old : 0);
            }

            return alarm;
        }
    }

    /// <summary>Marks the alarm acknowledged; null when there is no alarm with that id.</summary>
    public StationAlarm? Acknowledge(int id)
    {
        lock (_gate)
        {
            var index = _alarms.FindIndex(a => a.Id == id);
            if (index < 0)
            {
                return null;
            }

            return _alarms[index] = _alarms[index] with { Acknowledged = true };
        }
    }

    public IReadOnlyList<StationAlarm> List()
    {
        lock (_gate)
        {
            return [.. _alarms];
        }
    }
}
