using System.Data.Common;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Storage;

/// <summary>Turns a <see cref="RecordQuery"/> into one parameterised SELECT that both stores run as is.
/// Times compare as canonical text, which sorts in time order because it is fixed-width UTC.</summary>
internal static class RecordQuerySql
{
    public static void Prepare(DbCommand command, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "Record query limit must not be negative.");
        }

        var conditions = new List<string>();
        void Where(string condition, string name, object value)
        {
            conditions.Add(condition);
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        if (query.Serial is { } serial)
        {
            Where("serial = @q_serial", "@q_serial", serial);
        }

        if (query.JobId is { } job)
        {
            Where("job_id = @q_job", "@q_job", job);
        }

        if (query.Station is { } station)
        {
            Where("station = @q_station", "@q_station", station);
        }

        if (query.Outcome is { } outcome)
        {
            Where("outcome = @q_outcome", "@q_outcome", CanonicalEncoding.FormatOutcome(outcome));
        }

        if (query.From is { } from)
        {
            Where("finished_at >= @q_from", "@q_from", CanonicalEncoding.FormatTimestamp(from));
        }

        if (query.To is { } to)
        {
            Where("finished_at < @q_to", "@q_to", CanonicalEncoding.FormatTimestamp(to));
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var limit = query.Limit is { } count ? $" LIMIT {count}" : "";
        command.CommandText = $"SELECT {PinRecordRows.SelectColumns} FROM pin_records{where} ORDER BY seq{limit};";
    }
}
