using System.Data.Common;

namespace Engraver.Traceability.Jobs;

/// <summary>What differs between the databases under the one job queue: how a connection is opened, how a
/// write transaction takes its lock, and whether rows can be locked and skipped when locked.</summary>
internal sealed record JobStoreDialect(
    Func<CancellationToken, ValueTask<DbConnection>> OpenAsync,
    Func<DbConnection, CancellationToken, ValueTask<DbTransaction>> BeginWriteAsync,
    string LockPendingRow,
    string LockRow);
