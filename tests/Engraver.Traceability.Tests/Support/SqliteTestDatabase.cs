using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;

namespace Engraver.Traceability.Tests.Support;

/// <summary>A record file in a folder of its own under the temp folder, removed afterwards.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly TempFolder _folder = new();

    public SqliteTestDatabase()
    {
        Location = _folder.File("records/station.db");
    }

    public string Location { get; }

    public async Task<IRecordStore> OpenAsync(IRecordHasher hasher) =>
        await SqliteRecordStore.OpenAsync(Location, hasher, CancellationToken.None);

    public async Task<IRecordStore> OpenAsync(IRecordHasher hasher, Engraver.Traceability.Anchoring.ChainAnchor anchor) =>
        await SqliteRecordStore.OpenAsync(Location, hasher, anchor, CancellationToken.None);

    public Task ExecuteAsync(string sql) => RawDatabase.ExecuteAsync(Location, sql);

    public Task<object?> ScalarAsync(string sql) => RawDatabase.ScalarAsync(Location, sql);

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
