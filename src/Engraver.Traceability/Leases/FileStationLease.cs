using Microsoft.Data.Sqlite;
using Engraver.Traceability.Sqlite;

namespace Engraver.Traceability.Leases;

/// <summary>The lease of a station on an SQLite record file: an exclusive OS lock on the lease file beside the
/// database ("records.db.station-1.lease"), plus a station_leases row naming the holder.
/// Why a FileStream opened with FileShare.None: on Linux .NET takes flock(LOCK_EX | LOCK_NB) on the file, on
/// Windows the share mode forbids any other open; both belong to the open file handle, and the kernel closes
/// every handle of a process that ends, kill -9 and crashes included, so the lock cannot outlive its holder
/// (.NET opens files close-on-exec, so no child process inherits it). An exclusive transaction in a second
/// SQLite database would also die with the process, but it would block every reader of that file too, and
/// SQLite's own locks are POSIX record locks that any other connection of the same process silently drops.
/// (Setting DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns .NET's file locks off and with them this lease.)</summary>
public sealed class FileStationLease : IStationLease
{
    private readonly FileStream _lock;

    private FileStationLease(FileStream held, StationLeaseHolder holder)
    {
        _lock = held;
        Holder = holder;
    }

    public StationLeaseHolder Holder { get; }

    /// <summary>The lease file of <paramref name="station"/> beside <paramref name="databasePath"/>.</summary>
    public static string LeasePath(string databasePath, string station) =>
        Path.GetFullPath(databasePath) + "." + StationIds.Check(station, "Station id") + ".lease";

    /// <summary>Takes the lease, then brings the database's schema up to date and names this process in
    /// station_leases. Held by another live process: <see cref="StationLeaseHeldException"/>, and nothing
    /// has been written to the database.</summary>
    public static async Task<FileStationLease> AcquireAsync(string databasePath, string station, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(databasePath);
        var leasePath = LeasePath(fullPath, station);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        FileStream held;
        try
        {
            held = new FileStream(leasePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw new StationLeaseHeldException(station, await ReadHolderAsync(fullPath, station, cancellationToken), fullPath);
        }

        try
        {
            var holder = StationLeaseHolder.ThisProcess(station, DateTimeOffset.UtcNow);
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = fullPath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            await connection.OpenAsync(cancellationToken);
            await SqliteSchema.ApplyAsync(connection, fullPath, cancellationToken);
            await StationLeaseRows.WriteAsync(connection, holder, cancellationToken);
            return new FileStationLease(held, holder);
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <summary>The holder named in the database, read without writing (a read-only connection); null when the
    /// file or the table is not there yet.</summary>
    public static async Task<StationLeaseHolder?> ReadHolderAsync(string databasePath, string station, CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            return null;
        }

        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = databasePath,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            await connection.OpenAsync(cancellationToken);
            return await StationLeaseRows.ReadAsync(connection, station, cancellationToken);
        }
        catch (SqliteException)
        {
            // No station_leases table yet (an older schema) or the file is busy: the holder stays unnamed.
            return null;
        }
    }

    public ValueTask DisposeAsync() => _lock.DisposeAsync();

    /// <summary>The open was refused because another handle holds the file: a sharing violation on Windows
    /// (ERROR_SHARING_VIOLATION, 32), EWOULDBLOCK from flock on Linux (11) and macOS (35).</summary>
    private static bool IsHeldElsewhere(IOException e) =>
        e is not (FileNotFoundException or DirectoryNotFoundException)
        && ((e.HResult & 0xFFFF) == 32 || e.HResult is 11 or 35);
}
