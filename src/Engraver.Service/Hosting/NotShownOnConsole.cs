using Serilog.Core;
using Serilog.Events;

namespace Engraver.Service.Hosting;

/// <summary>Keeps an event the service has already told the console in its own words (a refused configuration,
/// one line per key) off the console sink: the log file still gets it, stack trace and all. Named in
/// appsettings.json as the console sink's filter.</summary>
public sealed class NotShownOnConsole : ILogEventFilter
{
    /// <summary>The property that marks such an event.</summary>
    public const string Property = "ShownOnConsole";

    public bool IsEnabled(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return !logEvent.Properties.ContainsKey(Property);
    }
}
