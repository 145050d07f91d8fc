using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;

namespace Engraver.Traceability.Sqlite;

/// <summary>Reads every row for verification as its canonical encoding, straight from SQLite's own buffers.
/// Texts are stored in their canonical form, so their UTF-8 bytes go into the encoding as they are; only
/// integers and reals are formatted. No record objects and no strings for the fields are made, which is
/// what lets verification keep pace with a million-record file. A difference from
/// <see cref="CanonicalEncoding.Encode"/> would show as a hash mismatch on every row; the store's tests
/// verify every row they append, with arbitrary texts.</summary>
internal sealed class SqliteEncodedRows : IDisposable
{
    // Column i of the query is field i - 1 of CanonicalEncoding.FieldOrder, for i in 1..25.
    private const int FirstField = 1;
    private const int PreviousHashColumn = 26;
    private const int HashColumn = 27;

    private const int OutcomeField = 21;

    // By field index in CanonicalEncoding.FieldOrder: what the column holds, and whether it may be null.
    private static readonly Kind[] Kinds =
    [
        Kind.Text, Kind.Text, Kind.Text, Kind.Text, Kind.Text, Kind.Text, Kind.Text, Kind.Integer, Kind.Integer,
        Kind.Text, Kind.Text, Kind.Text, Kind.Real, Kind.Real, Kind.Integer,
        Kind.Text, Kind.Real | Kind.Optional, Kind.Real | Kind.Optional, Kind.Text | Kind.Optional,
        Kind.Text | Kind.Optional, Kind.Text | Kind.Optional,
        Kind.Text, Kind.Text | Kind.Optional, Kind.Text, Kind.Text,
    ];

    private readonly sqlite3_stmt _statement;

    public SqliteEncodedRows(SqliteConnection connection)
    {
        var sql = $"SELECT {PinRecordRows.SelectColumns} FROM pin_records ORDER BY seq;";
        var status = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        if (status != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"Cannot read the records for verification: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}");
        }
    }

    /// <summary>The next row, or null after the last. A missing required value, a value of the wrong
    /// type or an unknown outcome throws <see cref="CorruptRecordException"/>, as reading it as a record would.</summary>
    public EncodedRow? Next()
    {
        var status = raw.sqlite3_step(_statement);
        if (status == raw.SQLITE_DONE)
        {
            return null;
        }

        if (status != raw.SQLITE_ROW)
        {
            throw new InvalidOperationException($"Reading the records failed: {raw.sqlite3_errstr(status).utf8_to_string()}");
        }

        var sequence = raw.sqlite3_column_int64(_statement, 0);
        var bytes = new ByteWriter(1024);
        CanonicalEncoding.AppendHeader(bytes);
        for (var field = 0; field < CanonicalEncoding.FieldOrder.Count; field++)
        {
            AppendField(bytes, sequence, field);
        }

        return new EncodedRow(sequence, RequiredText(sequence, PreviousHashColumn), RequiredText(sequence, HashColumn), bytes.ToArray());
    }

    public void Dispose() => _statement.Dispose();

    private void AppendField(ByteWriter bytes, long sequence, int field)
    {
        var column = field + FirstField;
        var type = raw.sqlite3_column_type(_statement, column);
        if (type == raw.SQLITE_NULL)
        {
            if ((Kinds[field] & Kind.Optional) == 0)
            {
                throw Corrupt(sequence, field, "a required value is null");
            }

            CanonicalEncoding.AppendNullField(bytes, field);
        }
        else if ((Kinds[field] & Kind.Integer) != 0)
        {
            var value = raw.sqlite3_column_int64(_statement, column);
            if (type != raw.SQLITE_INTEGER || value is < int.MinValue or > int.MaxValue)
            {
                throw Corrupt(sequence, field, "not a 32-bit integer");
            }

            CanonicalEncoding.AppendIntegerField(bytes, field, (int)value);
        }
        else if ((Kinds[field] & Kind.Real) != 0)
        {
            try
            {
                CanonicalEncoding.AppendRealField(bytes, field, raw.sqlite3_column_double(_statement, column));
            }
            catch (ArgumentException e)
            {
                throw Corrupt(sequence, field, e.Message);
            }
        }
        else
        {
            if (type != raw.SQLITE_TEXT)
            {
                throw Corrupt(sequence, field, "not a text");
            }

            var utf8 = raw.sqlite3_column_blob(_statement, column);
            if (field == OutcomeField && !IsOutcome(utf8))
            {
                throw Corrupt(sequence, field, $"'{Encoding.UTF8.GetString(utf8)}' is not a pin outcome");
            }

            CanonicalEncoding.AppendTextField(bytes, field, utf8);
        }
    }

    private string RequiredText(long sequence, int column) =>
        raw.sqlite3_column_type(_statement, column) == raw.SQLITE_TEXT
            ? raw.sqlite3_column_text(_statement, column).utf8_to_string()
            : throw new CorruptRecordException(sequence, $"column {(column == HashColumn ? "hash" : "prev_hash")}: not a text");

    private static bool IsOutcome(ReadOnlySpan<byte> utf8) =>
        utf8.SequenceEqual("Verified"u8) || utf8.SequenceEqual("Rejected"u8) || utf8.SequenceEqual("NeedsInspection"u8);

    private static CorruptRecordException Corrupt(long sequence, int field, string detail) =>
        new(sequence, $"column {CanonicalEncoding.FieldOrder[field]}: {detail}");

    [Flags]
    private enum Kind
    {
        Text = 1,
        Integer = 2,
        Real = 4,
        Optional = 8,
    }
}
