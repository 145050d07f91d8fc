using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Engraver.Traceability.Postgres;

namespace Engraver.Traceability.Leases;

/// <summary>The lease of a station on a PostgreSQL record store: a session-level advisory lock on a key derived
/// from the station id, held on a connection of its own that stays open while the process lives, plus a
/// station_leases row naming the holder whose heartbeat column it refreshes. The connection is opened with
/// Pooling=false: a pooled connection would go back to the pool on dispose with its session, and the lock,
/// still open. When the process dies its socket closes, the server ends the session and drops the lock.</summary>
public sealed class PostgresStationLease : IStationLease
{
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(30);

    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;

    private PostgresStationLease(NpgsqlConnection connection, StationLeaseHolder holder)
    {
        _connection = connection;
        Holder = holder;
        _heartbeat = BeatAsync(_stop.Token);
    }

    public StationLeaseHolder Holder { get; }

    /// <summary>The advisory lock key of <paramref name="station"/>: the first 8 bytes of SHA-256 of a fixed
    /// prefix and the id, so every process derives the same key and it does not meet the store's own keys.</summary>
    public static long KeyFor(string station) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("engraver station lease\n" + station)));

    /// <summary>Takes the lease, then brings the schema up to date and names this process in station_leases.
    /// Held by another live process: <see cref="StationLeaseHeldException"/>, and nothing has been written.</summary>
    public static async Task<PostgresStationLease> AcquireAsync(string connectionString, string station, CancellationToken cancellationToken)
    {
        StationIds.Check(station, "Station id");
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
            {
                take.Parameters.AddWithValue("key", KeyFor(station));
                if (await take.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    throw new StationLeaseHeldException(station, await ReadHolderAsync(connection, station, cancellationToken), location);
                }
            }

            await PostgresSchema.ApplyAsync(connection, location, cancellationToken);
            var holder = StationLeaseHolder.ThisProcess(station, DateTimeOffset.UtcNow);
            await StationLeaseRows.WriteAsync(connection, holder, cancellationToken);
            return new PostgresStationLease(connection, holder);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(_heartbeat);
        // Closing the unpooled connection ends the session, and with it the advisory lock.
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private static async Task<StationLeaseHolder?> ReadHolderAsync(NpgsqlConnection connection, string station, CancellationToken cancellationToken)
    {
        try
        {
            return await StationLeaseRows.ReadAsync(connection, station, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    /// <summary>Refreshes the heartbeat, so an auditor of station_leases can see the holder is alive. A failed
    /// beat is not fatal here: the lock lives in the session, which the next beat tries again.</summary>
    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await StationLeaseRows.BeatAsync(_connection, Holder.Station, DateTimeOffset.UtcNow, cancellationToken);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The connection is broken or busy; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
