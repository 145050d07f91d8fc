using System.Globalization;

namespace Engraver.Traceability.Leases;

/// <summary>The process that holds a station's lease: what a refused second process names.</summary>
public sealed record StationLeaseHolder(string Station, string Host, int ProcessId, DateTimeOffset StartedAt, DateTimeOffset Heartbeat)
{
    /// <summary>This process, holding <paramref name="station"/> from <paramref name="now"/>.</summary>
    public static StationLeaseHolder ThisProcess(string station, DateTimeOffset now) =>
        new(station, Environment.MachineName, Environment.ProcessId, now, now);

    /// <summary>"station-1 is held by host H pid P since T".</summary>
    public string Describe() =>
        $"{Station} is held by host {Host} pid {ProcessId} since {StartedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
}
