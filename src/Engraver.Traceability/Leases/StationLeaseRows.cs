using System.Data.Common;
using System.Globalization;

namespace Engraver.Traceability.Leases;

/// <summary>The station_leases table (same on SQLite and PostgreSQL): the row that names a lease's holder.</summary>
internal static class StationLeaseRows
{
    public static async Task WriteAsync(DbConnection connection, StationLeaseHolder holder, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO station_leases (station, host, pid, started_at, heartbeat) VALUES (@station, @host, @pid, @started, @heartbeat) " +
            "ON CONFLICT (station) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at, heartbeat = excluded.heartbeat";
        Add(command, "station", holder.Station);
        Add(command, "host", holder.Host);
        Add(command, "pid", holder.ProcessId);
        Add(command, "started", Text(holder.StartedAt));
        Add(command, "heartbeat", Text(holder.Heartbeat));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task BeatAsync(DbConnection connection, string station, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE station_leases SET heartbeat = @heartbeat WHERE station = @station";
        Add(command, "station", station);
        Add(command, "heartbeat", Text(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The row naming the holder of <paramref name="station"/>, or null when there is none.</summary>
    public static async Task<StationLeaseHolder?> ReadAsync(DbConnection connection, string station, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT host, pid, started_at, heartbeat FROM station_leases WHERE station = @station";
        Add(command, "station", station);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StationLeaseHolder(station, reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
            Parse(reader.GetString(2)), Parse(reader.GetString(3)));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
