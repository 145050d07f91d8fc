using System.Data.Common;

namespace Engraver.Traceability.Jobs;

internal sealed partial class SqlJobStore
{
    private const string ClaimColumns =
        "s.job_id, j.make, j.model, j.pin_lot, j.recipe, s.position, s.serial, s.attempts, s.station, s.slot";

    public async Task<ClaimResult> ClaimNextAsync(string station, int slotCount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(station);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        var (jobId, state) = await FirstJobWithPendingAsync(connection, transaction, cancellationToken);
        if (jobId is null)
        {
            return ClaimResult.None(NoClaimReason.QueueEmpty);
        }

        if (state == JobState.Paused)
        {
            return ClaimResult.None(NoClaimReason.JobPaused, jobId);
        }

        var slot = await NextSlotAsync(connection, transaction, station, cancellationToken);
        if (slot >= slotCount)
        {
            return ClaimResult.None(NoClaimReason.TrayFull, jobId);
        }

        var pending = await LockFirstPendingAsync(connection, transaction, jobId, cancellationToken);
        if (pending is not { } serial)
        {
            // Every pending serial is being claimed by another station this instant: nothing for now.
            return ClaimResult.None(NoClaimReason.QueueEmpty, jobId);
        }

        var now = Text(DateTimeOffset.UtcNow);
        await ExecuteAsync(connection, transaction,
            "UPDATE job_serials SET state = 'Engraving', attempts = attempts + 1, station = @station, slot = @slot, updated_at = @now " +
            "WHERE job_id = @job AND position = @position",
            cancellationToken, ("station", station), ("slot", slot), ("now", now), ("job", jobId), ("position", serial));
        await TakeSlotAsync(connection, transaction, station, slot, cancellationToken);
        await ExecuteAsync(connection, transaction, "UPDATE jobs SET state = 'Running', updated_at = @now WHERE job_id = @job AND state = 'Queued'",
            cancellationToken, ("job", jobId), ("now", now));
        var claim = await ReadClaimAsync(connection, transaction, jobId, serial, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ClaimResult.Claimed(claim);
    }

    public async Task<SerialClaim?> ClaimRetryAsync(SerialClaim claim, int slotCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        var slot = await NextSlotAsync(connection, transaction, claim.Station, cancellationToken);
        if (slot >= slotCount)
        {
            return null;
        }

        await UpdateClaimedAsync(connection, transaction, claim,
            "attempts = attempts + 1, slot = @slot", cancellationToken, ("slot", slot));
        await TakeSlotAsync(connection, transaction, claim.Station, slot, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claim with { Attempt = claim.Attempt + 1, Slot = slot };
    }

    public async Task ReleaseAsync(SerialClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        await UpdateClaimedAsync(connection, transaction, claim,
            "state = 'Pending', attempts = attempts - 1, station = NULL, slot = NULL", cancellationToken);
        await ExecuteAsync(connection, transaction,
            "UPDATE station_trays SET next_slot = @slot WHERE station = @station AND next_slot = @after",
            cancellationToken, ("slot", claim.Slot), ("after", claim.Slot + 1), ("station", claim.Station));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RequeueAsync(SerialClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        await UpdateClaimedAsync(connection, transaction, claim, "state = 'Pending', station = NULL, slot = NULL", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task FinishAsync(SerialClaim claim, SerialState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (state is not (SerialState.Verified or SerialState.NeedsInspection or SerialState.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A claimed serial ends Verified, NeedsInspection or Failed.");
        }

        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        // The job row first: two stations finishing the job's last serials at once then see each other's
        // finish, and one of them marks the job finished.
        await ExecuteAsync(connection, transaction, "SELECT state FROM jobs WHERE job_id = @job" + dialect.LockRow, cancellationToken, ("job", claim.JobId));
        await UpdateClaimedAsync(connection, transaction, claim, "state = @state", cancellationToken, ("state", state.ToString()));
        await ExecuteAsync(connection, transaction,
            "UPDATE jobs SET state = 'Finished', updated_at = @now WHERE job_id = @job AND state IN ('Queued', 'Running') " +
            "AND NOT EXISTS (SELECT 1 FROM job_serials WHERE job_id = @job AND state IN ('Pending', 'Engraving'))",
            cancellationToken, ("job", claim.JobId), ("now", Text(DateTimeOffset.UtcNow)));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SerialClaim>> ListClaimsAsync(string station, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {ClaimColumns} FROM job_serials s JOIN jobs j ON j.job_id = s.job_id " +
            "WHERE s.state = 'Engraving' AND s.station = @station ORDER BY j.ordinal, s.position",
            ("station", station));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claims = new List<SerialClaim>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claims.Add(ReadClaim(reader));
        }

        return claims;
    }

    public async Task ResetTrayAsync(string station, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        await ExecuteAsync(connection, transaction, "UPDATE station_trays SET next_slot = 0 WHERE station = @station", cancellationToken, ("station", station));
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<(string? JobId, JobState State)> FirstJobWithPendingAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT j.job_id, j.state FROM jobs j WHERE j.state IN ('Queued', 'Running', 'Paused') " +
            "AND EXISTS (SELECT 1 FROM job_serials s WHERE s.job_id = j.job_id AND s.state = 'Pending') ORDER BY j.ordinal LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), Enum.Parse<JobState>(reader.GetString(1)))
            : (null, JobState.Queued);
    }

    private async Task<int?> LockFirstPendingAsync(DbConnection connection, DbTransaction transaction, string jobId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT position FROM job_serials WHERE job_id = @job AND state = 'Pending' ORDER BY position LIMIT 1" + dialect.LockPendingRow,
            ("job", jobId));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> PeekNextSlotAsync(string station, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(station);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var read = Command(connection, null, "SELECT next_slot FROM station_trays WHERE station = @station", ("station", station));
        return await read.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>The station's next free slot. Read first, and the station's row written only when it has none
    /// yet: a full tray asked about on every poll is a read, not a write.</summary>
    private static async Task<int> NextSlotAsync(DbConnection connection, DbTransaction transaction, string station, CancellationToken cancellationToken)
    {
        await using (var read = Command(connection, transaction, "SELECT next_slot FROM station_trays WHERE station = @station", ("station", station)))
        {
            if (await read.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull)
            {
                return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await ExecuteAsync(connection, transaction,
            "INSERT INTO station_trays (station, next_slot) VALUES (@station, 0) ON CONFLICT (station) DO NOTHING",
            cancellationToken, ("station", station));
        return (int)await ScalarAsync(connection, transaction, "SELECT next_slot FROM station_trays WHERE station = @station", cancellationToken, ("station", station));
    }

    private static Task<int> TakeSlotAsync(DbConnection connection, DbTransaction transaction, string station, int slot, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "UPDATE station_trays SET next_slot = @next WHERE station = @station",
            cancellationToken, ("next", slot + 1), ("station", station));

    /// <summary>Changes a serial this station holds; refuses when the claim is no longer its own.</summary>
    private static async Task UpdateClaimedAsync(DbConnection connection, DbTransaction transaction, SerialClaim claim, string set, CancellationToken cancellationToken, params (string Name, object Value)[] extra)
    {
        (string, object)[] parameters = [("job", claim.JobId), ("position", claim.Position), ("station", claim.Station), ("now", Text(DateTimeOffset.UtcNow)), .. extra];
        var changed = await ExecuteAsync(connection, transaction,
            $"UPDATE job_serials SET {set}, updated_at = @now WHERE job_id = @job AND position = @position AND state = 'Engraving' AND station = @station",
            cancellationToken, parameters);
        if (changed != 1)
        {
            throw new JobQueueException($"Serial {claim.Serial} of job {claim.JobId} is not being engraved by {claim.Station}.");
        }
    }

    private static async Task<SerialClaim> ReadClaimAsync(DbConnection connection, DbTransaction transaction, string jobId, int position, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            $"SELECT {ClaimColumns} FROM job_serials s JOIN jobs j ON j.job_id = s.job_id WHERE s.job_id = @job AND s.position = @position",
            ("job", jobId), ("position", position));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadClaim(reader);
    }

    private static SerialClaim ReadClaim(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        Int(reader, 5), reader.GetString(6), Int(reader, 7), reader.GetString(8), Int(reader, 9));
}
