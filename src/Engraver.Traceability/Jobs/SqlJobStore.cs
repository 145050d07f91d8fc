using System.Data.Common;
using System.Globalization;

namespace Engraver.Traceability.Jobs;

/// <summary>The job queue in SQL shared by SQLite and PostgreSQL (tables jobs, job_serials and
/// station_trays). Every operation is one write transaction: on SQLite an immediate transaction (the
/// database's single writer lock), on PostgreSQL row locks, with pending serials taken FOR UPDATE SKIP
/// LOCKED so stations claiming together each get a different serial.</summary>
internal sealed partial class SqlJobStore(JobStoreDialect dialect) : IJobStore
{
    private const string SummarySelect = """
        SELECT j.job_id, j.make, j.model, j.pin_lot, j.recipe, j.state, j.source, j.submitted_by, j.submitted_at,
               COUNT(s.serial),
               COALESCE(SUM(CASE WHEN s.state = 'Pending' THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN s.state = 'Engraving' THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN s.state = 'Verified' THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN s.state = 'NeedsInspection' THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN s.state = 'Failed' THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN s.state = 'Cancelled' THEN 1 ELSE 0 END), 0),
               (SELECT COUNT(DISTINCT p.serial || '#' || CAST(p.attempt AS TEXT)) FROM pin_records p WHERE p.job_id = j.job_id),
               (SELECT COUNT(DISTINCT p.serial || '#' || CAST(p.attempt AS TEXT)) FROM pin_records p WHERE p.job_id = j.job_id AND p.outcome = 'Verified'),
               (SELECT COUNT(*) FROM pin_records p WHERE p.job_id = j.job_id)
        FROM jobs j LEFT JOIN job_serials s ON s.job_id = j.job_id
        """;

    private const string SummaryGroup =
        " GROUP BY j.ordinal, j.job_id, j.make, j.model, j.pin_lot, j.recipe, j.state, j.source, j.submitted_by, j.submitted_at";

    public async Task<JobSummary> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        if (await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM jobs WHERE job_id = @job", cancellationToken, ("job", submission.JobId)) > 0)
        {
            throw new JobQueueException($"Job {submission.JobId} was submitted before; give the job another id.");
        }

        await ThrowIfQueuedElsewhereAsync(connection, transaction, submission.Serials, cancellationToken);
        var now = Text(submission.SubmittedAt);
        await ExecuteAsync(connection, transaction,
            "INSERT INTO jobs (job_id, make, model, pin_lot, recipe, state, source, submitted_by, submitted_at, updated_at) " +
            "VALUES (@job, @make, @model, @lot, @recipe, 'Queued', @source, @by, @at, @at)",
            cancellationToken,
            ("job", submission.JobId), ("make", submission.Make), ("model", submission.Model), ("lot", submission.PinLot),
            ("recipe", submission.Recipe), ("source", submission.Source), ("by", submission.SubmittedBy), ("at", now));
        await InsertSerialsAsync(connection, transaction, submission, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await FindAsync(submission.JobId, cancellationToken))!;
    }

    public async Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var summaries = await ReadSummariesAsync(connection, null, SummarySelect + SummaryGroup + " ORDER BY j.ordinal", cancellationToken);
        var holders = await ReadEngravingByAsync(connection, cancellationToken);
        return [.. summaries.Select(s => holders.TryGetValue(s.JobId, out var by) ? s with { EngravingBy = by } : s)];
    }

    /// <summary>Per job, the stations holding its serials being engraved and how many each, by station name.</summary>
    private static async Task<Dictionary<string, List<StationClaims>>> ReadEngravingByAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null,
            "SELECT job_id, station, COUNT(*) FROM job_serials WHERE state = 'Engraving' GROUP BY job_id, station ORDER BY job_id, station");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var holders = new Dictionary<string, List<StationClaims>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var jobId = reader.GetString(0);
            if (!holders.TryGetValue(jobId, out var list))
            {
                holders[jobId] = list = [];
            }

            list.Add(new StationClaims(reader.IsDBNull(1) ? "(none)" : reader.GetString(1), Int(reader, 2)));
        }

        return holders;
    }

    public async Task<JobSummary?> FindAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var found = await ReadSummariesAsync(connection, null, SummarySelect + " WHERE j.job_id = @job" + SummaryGroup, cancellationToken, ("job", jobId));
        return found.Count == 0 ? null : found[0];
    }

    public async Task<JobSummary?> FindActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var found = await ReadSummariesAsync(connection, null,
            SummarySelect + " WHERE j.state IN ('Queued', 'Running', 'Paused')" + SummaryGroup + " ORDER BY j.ordinal LIMIT 1", cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<JobSummary> ApplyAsync(string jobId, JobCommand command, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using (var transaction = await dialect.BeginWriteAsync(connection, cancellationToken))
        {
            var state = await JobStateAsync(connection, transaction, jobId, cancellationToken)
                ?? throw new JobQueueException($"There is no job {jobId} in the queue.");
            var next = NextState(jobId, state, command);
            var now = Text(DateTimeOffset.UtcNow);
            if (command == JobCommand.Cancel)
            {
                // Serials first, then the job: the same lock order as a claim, so the two cannot deadlock.
                await ExecuteAsync(connection, transaction,
                    "UPDATE job_serials SET state = 'Cancelled', updated_at = @now WHERE job_id = @job AND state = 'Pending'",
                    cancellationToken, ("job", jobId), ("now", now));
            }

            await ExecuteAsync(connection, transaction, "UPDATE jobs SET state = @state, updated_at = @now WHERE job_id = @job",
                cancellationToken, ("job", jobId), ("state", next.ToString()), ("now", now));
            await transaction.CommitAsync(cancellationToken);
        }

        return (await FindAsync(jobId, cancellationToken))!;
    }

    private static JobState NextState(string jobId, JobState state, JobCommand command) => (command, state) switch
    {
        (JobCommand.Pause, JobState.Queued or JobState.Running) => JobState.Paused,
        (JobCommand.Resume, JobState.Paused) => JobState.Queued,
        (JobCommand.Cancel, JobState.Queued or JobState.Running or JobState.Paused) => JobState.Cancelled,
        _ => throw new JobQueueException($"Job {jobId} is {state}; it cannot be told to {command.ToString().ToLowerInvariant()}."),
    };

    private static async Task InsertSerialsAsync(DbConnection connection, DbTransaction transaction, JobSubmission submission, string now, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO job_serials (job_id, position, serial, state, attempts, updated_at) VALUES (@job, @position, @serial, 'Pending', 0, @now)";
        var position = AddParameter(insert, "position", 0);
        var serial = AddParameter(insert, "serial", "");
        AddParameter(insert, "job", submission.JobId);
        AddParameter(insert, "now", now);
        for (var i = 0; i < submission.Serials.Count; i++)
        {
            position.Value = i;
            serial.Value = submission.Serials[i];
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task ThrowIfQueuedElsewhereAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> serials, CancellationToken cancellationToken)
    {
        var waiting = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT serial, job_id FROM job_serials WHERE state IN ('Pending', 'Engraving')";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                waiting[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var clashes = serials.Where(waiting.ContainsKey).Take(5).Select(s => $"{s} (job {waiting[s]})").ToList();
        if (clashes.Count > 0)
        {
            throw new JobQueueException("Serials already waiting in another job: " + string.Join(", ", clashes) + ".");
        }
    }

    private static async Task<JobState?> JobStateAsync(DbConnection connection, DbTransaction transaction, string jobId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT state FROM jobs WHERE job_id = @job", ("job", jobId));
        return await command.ExecuteScalarAsync(cancellationToken) is string state ? Enum.Parse<JobState>(state) : null;
    }

    private static async Task<IReadOnlyList<JobSummary>> ReadSummariesAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var summaries = new List<JobSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(new JobSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Enum.Parse<JobState>(reader.GetString(5)),
                Int(reader, 9), Int(reader, 10), Int(reader, 11), Int(reader, 12), Int(reader, 13), Int(reader, 14), Int(reader, 15),
                reader.GetString(6), reader.GetString(7),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            {
                PinsUsed = Int(reader, 16),
                PinsVerified = Int(reader, 17),
                Records = Int(reader, 18),
            });
        }

        await reader.DisposeAsync();
        for (var i = 0; i < summaries.Count; i++)
        {
            if (summaries[i].Failed > 0)
            {
                summaries[i] = summaries[i] with { NeedNewPin = await FailedSerialsAsync(connection, transaction, summaries[i].JobId, cancellationToken) };
            }
        }

        return summaries;
    }

    private static async Task<IReadOnlyList<string>> FailedSerialsAsync(DbConnection connection, DbTransaction? transaction, string jobId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT serial FROM job_serials WHERE job_id = @job AND state = 'Failed' ORDER BY position", ("job", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var serials = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            serials.Add(reader.GetString(0));
        }

        return serials;
    }

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    private static DbParameter AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
