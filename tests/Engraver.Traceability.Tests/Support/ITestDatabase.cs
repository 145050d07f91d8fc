using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Tests.Support;

/// <summary>A fresh, empty record database of one kind for one test, and raw SQL access to it that bypasses
/// the store (how someone with database access would alter records).</summary>
public interface ITestDatabase : IAsyncDisposable
{
    /// <summary>What the store names in its messages (file path, host:port/database).</summary>
    string Location { get; }

    Task<IRecordStore> OpenAsync(IRecordHasher hasher);

    /// <summary>Opens the store for writing, signing a checkpoint with every append.</summary>
    Task<IRecordStore> OpenAsync(IRecordHasher hasher, Engraver.Traceability.Anchoring.ChainAnchor anchor);

    Task ExecuteAsync(string sql);

    Task<object?> ScalarAsync(string sql);
}
