using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>How the SQLite store reads its rows for verification (in batches, straight from SQLite's
/// buffers): what it reports past the first batch, and hashes compared exactly as stored.</summary>
public sealed class SqliteChainRowsTests : IAsyncLifetime
{
    // More rows than one verification batch holds, so problems land in a later batch.
    private const int Rows = 3000;

    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SqliteTestDatabase _database = new();

    public async Task InitializeAsync()
    {
        await using var store = await _database.OpenAsync(RecordHasher.Instance);
        await store.AppendPinsAsync([.. Enumerable.Range(1, Rows).Select(i => SampleRecords.Verified($"SN-{i:D5}"))], None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_row_of_several_batches_is_checked()
    {
        Assert.Equal(new ChainVerification(true, Rows, null, null), await VerifyAsync());
    }

    [Fact]
    public async Task Edit_in_a_later_batch_is_reported_at_its_row_after_every_row_before_it_is_checked()
    {
        await _database.ExecuteAsync("UPDATE pin_records SET grade = 'C' WHERE seq = 2500;");

        var result = await VerifyAsync();

        Assert.Equal(2500, result.FirstBrokenSequence);
        Assert.Equal(2500, result.RowsChecked);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_outcome_in_a_later_batch_is_reported_as_unreadable_at_its_row()
    {
        await _database.ExecuteAsync("UPDATE pin_records SET outcome = 'Shipped' WHERE seq = 2100;");

        var result = await VerifyAsync();

        Assert.Equal(new ChainVerification(false, 2100, 2100, "row cannot be read: column outcome: 'Shipped' is not a pin outcome"), result);
    }

    [Fact]
    public async Task Optional_number_cleared_with_sql_is_a_hash_mismatch_at_its_row()
    {
        await _database.ExecuteAsync("UPDATE pin_records SET stray_mark = NULL WHERE seq = 7;");

        var result = await VerifyAsync();

        Assert.Equal(7, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_stored_in_upper_case_is_a_hash_mismatch_at_its_row()
    {
        await _database.ExecuteAsync("UPDATE pin_records SET hash = upper(hash) WHERE seq = 2;");

        var result = await VerifyAsync();

        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previous_hash_with_a_trailing_space_is_a_previous_hash_mismatch_quoting_it()
    {
        await _database.ExecuteAsync("UPDATE pin_records SET prev_hash = prev_hash || ' ' WHERE seq = 3;");

        var result = await VerifyAsync();

        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.StartsWith("previous-hash mismatch", result.Problem, StringComparison.Ordinal);
        Assert.Contains(" , the row before", result.Problem, StringComparison.Ordinal);
    }

    private async Task<ChainVerification> VerifyAsync()
    {
        await using var store = await _database.OpenAsync(RecordHasher.Instance);
        return await store.VerifyChainAsync(None);
    }
}
