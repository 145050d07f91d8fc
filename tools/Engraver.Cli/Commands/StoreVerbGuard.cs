namespace Engraver.Cli.Commands;

/// <summary>Runs a verb that works on the record store: expected failures (no database, a newer schema, a
/// bad key, a job the queue refuses) print one line naming the verb and exit 2, so scripts can tell them
/// from the verb's own "no" (exit 1).</summary>
internal static class StoreVerbGuard
{
    public static async Task<int> RunAsync(string name, Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException
                                      or ArgumentException or InvalidOperationException or Npgsql.NpgsqlException
                                      or Traceability.Records.UnsupportedSchemaVersionException)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
