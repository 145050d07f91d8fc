namespace Engraver.Traceability.Jobs;

internal sealed partial class SqlJobStore
{
    public async Task<InspectionSettlement?> SettleInspectionAsync(string jobId, string serial, bool verified, int maxAttemptsPerSerial, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(serial);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttemptsPerSerial, 1);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        int position;
        int attempts;
        await using (var find = Command(connection, transaction,
            "SELECT position, attempts FROM job_serials WHERE job_id = @job AND serial = @serial AND state = 'NeedsInspection'",
            ("job", jobId), ("serial", serial)))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (position, attempts) = (Int(reader, 0), Int(reader, 1));
        }

        // The job row first, as a serial's finish takes it: two settlements of one job wait for each other.
        var jobState = await LockJobStateAsync(connection, transaction, jobId, cancellationToken);
        var next = verified ? SerialState.Verified
            : attempts < maxAttemptsPerSerial && jobState != JobState.Cancelled ? SerialState.Pending
            : SerialState.Failed;
        var now = Text(DateTimeOffset.UtcNow);
        var changed = await ExecuteAsync(connection, transaction,
            "UPDATE job_serials SET state = @state, station = NULL, slot = NULL, updated_at = @now " +
            "WHERE job_id = @job AND position = @position AND state = 'NeedsInspection'",
            cancellationToken, ("state", next.ToString()), ("now", now), ("job", jobId), ("position", position));
        if (changed != 1)
        {
            return null;
        }

        if (next == SerialState.Pending)
        {
            // A finished job has work again: it runs again from the queue like any job.
            await ExecuteAsync(connection, transaction, "UPDATE jobs SET state = 'Queued', updated_at = @now WHERE job_id = @job AND state = 'Finished'",
                cancellationToken, ("job", jobId), ("now", now));
        }
        else
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE jobs SET state = 'Finished', updated_at = @now WHERE job_id = @job AND state IN ('Queued', 'Running') " +
                "AND NOT EXISTS (SELECT 1 FROM job_serials WHERE job_id = @job AND state IN ('Pending', 'Engraving'))",
                cancellationToken, ("job", jobId), ("now", now));
        }

        var after = await JobStateAsync(connection, transaction, jobId, cancellationToken) ?? jobState;
        await transaction.CommitAsync(cancellationToken);
        return new InspectionSettlement(jobId, serial, next, attempts, after);
    }

    private async Task<JobState> LockJobStateAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string jobId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT state FROM jobs WHERE job_id = @job" + dialect.LockRow, ("job", jobId));
        return Enum.Parse<JobState>((string)(await command.ExecuteScalarAsync(cancellationToken))!);
    }
}
