using System.Runtime.InteropServices;
using SQLitePCL;
using Engraver.Traceability.Chain;

namespace Engraver.Traceability.Sqlite;

/// <summary>Reads the columns of the current row of one statement. Verification reads some 80 values a
/// row; through SQLitePCL's safe handles each read costs more than SQLite's own work for it, so when the
/// loaded provider is the bundled e_sqlite3 library the values are read from that same library directly,
/// with the statement's raw pointer (kept alive by its handle, which this reader does not outlive).
/// Any other provider is read through SQLitePCL as usual.</summary>
internal sealed class SqliteColumns(sqlite3_stmt statement)
{
    private const string BundledLibrary = "e_sqlite3";

    private static readonly bool Direct = string.Equals(raw.GetNativeLibraryName(), BundledLibrary, StringComparison.Ordinal);

    private readonly IntPtr _handle = statement.DangerousGetHandle();

    public int Type(int column) =>
        Direct ? NativeMethods.sqlite3_column_type(_handle, column) : raw.sqlite3_column_type(statement, column);

    public long Int64(int column) =>
        Direct ? NativeMethods.sqlite3_column_int64(_handle, column) : raw.sqlite3_column_int64(statement, column);

    public double Double(int column) =>
        Direct ? NativeMethods.sqlite3_column_double(_handle, column) : raw.sqlite3_column_double(statement, column);

    /// <summary>Appends the column's bytes (a text's UTF-8) to <paramref name="bytes"/>.</summary>
    public void AppendBytes(ByteWriter bytes, int column)
    {
        if (Direct)
        {
            // The pointer first: asking for it can convert the value, which changes its byte count.
            var pointer = NativeMethods.sqlite3_column_blob(_handle, column);
            bytes.Append(pointer, NativeMethods.sqlite3_column_bytes(_handle, column));
        }
        else
        {
            bytes.Append(raw.sqlite3_column_blob(statement, column));
        }
    }

    /// <summary>Appends the column as a canonical text field.</summary>
    public void AppendTextField(ByteWriter bytes, int field, int column)
    {
        if (Direct)
        {
            var pointer = NativeMethods.sqlite3_column_blob(_handle, column);
            CanonicalEncoding.AppendTextField(bytes, field, pointer, NativeMethods.sqlite3_column_bytes(_handle, column));
        }
        else
        {
            CanonicalEncoding.AppendTextField(bytes, field, raw.sqlite3_column_blob(statement, column));
        }
    }

    // Each of these only reads (or at most converts) the current row's value and returns at once: no lock
    // (the connection has none), no callback, no blocking, which is what skipping the GC transition needs.
    private static class NativeMethods
    {
        [DllImport(BundledLibrary, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        public static extern int sqlite3_column_type(IntPtr statement, int column);

        [DllImport(BundledLibrary, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        public static extern long sqlite3_column_int64(IntPtr statement, int column);

        [DllImport(BundledLibrary, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        public static extern double sqlite3_column_double(IntPtr statement, int column);

        [DllImport(BundledLibrary, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        public static extern IntPtr sqlite3_column_blob(IntPtr statement, int column);

        [DllImport(BundledLibrary, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        public static extern int sqlite3_column_bytes(IntPtr statement, int column);
    }
}
