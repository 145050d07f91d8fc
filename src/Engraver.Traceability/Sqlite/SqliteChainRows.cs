using System.Text;
using SQLitePCL;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;

namespace Engraver.Traceability.Sqlite;

/// <summary>Reads every row for verification as its canonical encoding, straight from SQLite's own buffers
/// into a batch. Texts are stored in their canonical form, so their UTF-8 bytes go into the encoding as they
/// are; only integers and reals are formatted. No record objects and no strings are made, which is what
/// lets verification keep pace with a million-record file. A difference from
/// <see cref="CanonicalEncoding.Encode"/> would show as a hash mismatch on every row; the store's tests
/// verify every row they append, with arbitrary texts.</summary>
/// <remarks>Uses its own read-only connection opened without SQLite's per-connection mutex: it is used by
/// one caller at a time, and that mutex is taken on every column read. One statement is one read
/// transaction, so the rows are one consistent snapshot even while appends go on.</remarks>
internal sealed class SqliteChainRows : IChainRowSource, IDisposable
{
    // Column i of the query is field i - 1 of CanonicalEncoding.FieldOrder, for i in 1..30.
    private const int FirstField = 1;
    private const int PreviousHashColumn = 31;
    private const int HashColumn = 32;

    // Present in the encoding when its column is not null (version 2) or a later field is stated (version 3).
    private const int SimulatedDevicesField = CanonicalEncoding.VersionOneFieldCount;

    // The fields of version 3: any of them not null makes the row version 3.
    private const int FirstVersionThreeField = CanonicalEncoding.VersionTwoFieldCount;

    private const int OutcomeField = 21;

    // Appends wait on a busy database up to this long; so does a reader, which in WAL mode is rarely blocked.
    private const int BusyTimeoutMs = 30_000;

    // By field index in CanonicalEncoding.FieldOrder: what the column holds, and whether it may be null.
    private static readonly Kind[] Kinds =
    [
        Kind.Text, Kind.Text, Kind.Text, Kind.Text, Kind.Text, Kind.Text, Kind.Text, Kind.Integer, Kind.Integer,
        Kind.Text, Kind.Text, Kind.Text, Kind.Real, Kind.Real, Kind.Integer,
        Kind.Text, Kind.Real | Kind.Optional, Kind.Real | Kind.Optional, Kind.Text | Kind.Optional,
        Kind.Text | Kind.Optional, Kind.Text | Kind.Optional,
        Kind.Text, Kind.Text | Kind.Optional, Kind.Text, Kind.Text, Kind.Text | Kind.Optional,
        Kind.Text | Kind.Optional, Kind.Text | Kind.Optional, Kind.Text | Kind.Optional, Kind.Text | Kind.Optional,
    ];

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteColumns _columns;

    private SqliteChainRows(sqlite3 database, sqlite3_stmt statement)
    {
        _database = database;
        _statement = statement;
        _columns = new SqliteColumns(statement);
    }

    /// <summary>Opens the database file at <paramref name="path"/> for reading its rows in sequence order. The
    /// store calls it after opening its own connections, which set SQLitePCL up.</summary>
    public static SqliteChainRows Open(string path)
    {
        var status = raw.sqlite3_open_v2(path, out var database, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            Check(database, status, $"Cannot open {path} to verify its records");
            raw.sqlite3_busy_timeout(database, BusyTimeoutMs);
            var sql = $"SELECT {PinRecordRows.SelectColumns} FROM pin_records ORDER BY seq;";
            Check(database, raw.sqlite3_prepare_v2(database, sql, out var statement), $"Cannot read the records of {path} for verification");
            return new SqliteChainRows(database, statement);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public ValueTask<bool> FillAsync(ChainRowBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (!batch.IsFull)
        {
            var status = raw.sqlite3_step(_statement);
            if (status == raw.SQLITE_DONE)
            {
                return ValueTask.FromResult(false);
            }

            Check(_database, status == raw.SQLITE_ROW ? raw.SQLITE_OK : status, "Reading the records failed");
            AddRow(batch);
        }

        return ValueTask.FromResult(true);
    }

    public void Dispose()
    {
        _statement.Dispose();
        _database.Dispose();
    }

    /// <summary>A missing required value, a value of the wrong type or an unknown outcome throws
    /// <see cref="CorruptRecordException"/>, as reading the row as a record would.</summary>
    private void AddRow(ChainRowBatch batch)
    {
        var sequence = _columns.Int64(0);
        var bytes = batch.Bytes;
        batch.BeginRow();
        AppendHashText(bytes, sequence, PreviousHashColumn);
        batch.BeginRecord();
        var version = CanonicalEncoding.VersionOf(!IsNull(SimulatedDevicesField), StatesVersionThreeField());
        CanonicalEncoding.AppendHeader(bytes, version);
        var fields = CanonicalEncoding.FieldCount(version);
        for (var field = 0; field < fields; field++)
        {
            AppendField(bytes, sequence, field);
        }

        batch.BeginHash();
        AppendHashText(bytes, sequence, HashColumn);
        batch.EndRow(sequence);
    }

    private bool IsNull(int field) => _columns.Type(field + FirstField) == raw.SQLITE_NULL;

    private bool StatesVersionThreeField()
    {
        for (var field = FirstVersionThreeField; field < CanonicalEncoding.FieldOrder.Count; field++)
        {
            if (!IsNull(field))
            {
                return true;
            }
        }

        return false;
    }

    private void AppendField(ByteWriter bytes, long sequence, int field)
    {
        var column = field + FirstField;
        var type = _columns.Type(column);
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
            var value = _columns.Int64(column);
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
                CanonicalEncoding.AppendRealField(bytes, field, _columns.Double(column));
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

            var start = bytes.Length;
            _columns.AppendTextField(bytes, field, column);
            if (field == OutcomeField)
            {
                CheckOutcome(sequence, field, bytes.Written(start, bytes.Length - start));
            }
        }
    }

    private void AppendHashText(ByteWriter bytes, long sequence, int column)
    {
        if (_columns.Type(column) != raw.SQLITE_TEXT)
        {
            throw new CorruptRecordException(sequence, $"column {(column == HashColumn ? "hash" : "prev_hash")}: not a text");
        }

        _columns.AppendBytes(bytes, column);
    }

    // The field as written, "outcome=<n>:<text>\n": the outcome is the text after the first ':'.
    private static void CheckOutcome(long sequence, int field, ReadOnlySpan<byte> written)
    {
        var text = written[(written.IndexOf((byte)':') + 1)..^1];
        if (!text.SequenceEqual("Verified"u8) && !text.SequenceEqual("Rejected"u8) && !text.SequenceEqual("NeedsInspection"u8))
        {
            throw Corrupt(sequence, field, $"'{Encoding.UTF8.GetString(text)}' is not a pin outcome");
        }
    }

    private static void Check(sqlite3 database, int status, string what)
    {
        if (status != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"{what}: {raw.sqlite3_errmsg(database).utf8_to_string()} (SQLite error {status}).");
        }
    }

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
