using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>Records altered behind the store's back, with SQL through a separate connection.</summary>
public abstract partial class RecordStoreContractTests
{
    [Fact]
    public async Task Field_edited_with_sql_is_caught_as_hash_mismatch_at_that_row()
    {
        await AppendThreeAsync();

        await Database.ExecuteAsync("UPDATE pin_records SET grade = 'A+' WHERE seq = 2;");

        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_edited_with_its_hash_recomputed_is_caught_at_the_next_row()
    {
        var rows = await AppendThreeAsync();
        var forged = rows[1].Record with { Operator = "someone else" };
        var forgedHash = RecordHasher.Instance.ComputeHash(rows[1].PreviousHash, forged);

        await Database.ExecuteAsync($"UPDATE pin_records SET operator = 'someone else', hash = '{forgedHash}' WHERE seq = 2;");

        var result = await VerifyAsync();
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.StartsWith("previous-hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_deleted_with_sql_is_caught_as_gap_naming_the_missing_sequence()
    {
        await AppendThreeAsync();

        await Database.ExecuteAsync("DELETE FROM pin_records WHERE seq = 2;");

        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("gap in sequence: row 2 is missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_swapped_with_sql_are_caught_at_the_first_swapped_row()
    {
        await AppendThreeAsync();

        await Database.ExecuteAsync(
            "UPDATE pin_records SET seq = -1 WHERE seq = 2; UPDATE pin_records SET seq = 2 WHERE seq = 3; UPDATE pin_records SET seq = 3 WHERE seq = -1;");

        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("previous-hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_inserted_with_sql_and_linked_to_the_row_before_is_caught_at_the_row_after()
    {
        var rows = await AppendThreeAsync();
        var forged = SampleRecords.Verified("SN-FORGED");
        var inserted = new StoredPinRecord(2, forged, rows[0].Hash, RecordHasher.Instance.ComputeHash(rows[0].Hash, forged));

        await Database.ExecuteAsync("UPDATE pin_records SET seq = -seq WHERE seq >= 2;");
        await Database.ExecuteAsync("UPDATE pin_records SET seq = 1 - seq WHERE seq < 0;");
        await Database.ExecuteAsync(RawRowSql.Insert(inserted));

        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.StartsWith("previous-hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_appended_with_sql_after_the_last_row_but_not_hashed_is_caught()
    {
        var rows = await AppendThreeAsync();
        var forged = new StoredPinRecord(4, SampleRecords.Verified("SN-LATE"), rows[2].Hash, new string('e', 64));

        await Database.ExecuteAsync(RawRowSql.Insert(forged));

        var result = await VerifyAsync();
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_with_an_unknown_outcome_is_reported_as_unreadable_not_guessed()
    {
        await AppendThreeAsync();
        await Database.ExecuteAsync("UPDATE pin_records SET outcome = 'Shipped' WHERE seq = 3;");
        await using var store = await OpenStoreAsync();

        var result = await store.VerifyChainAsync(None);
        var listing = await Assert.ThrowsAsync<CorruptRecordException>(() => store.ListPinsAsync(None));

        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("column outcome", result.Problem, StringComparison.Ordinal);
        Assert.Equal(3, listing.Sequence);
    }

    private async Task<IReadOnlyList<StoredPinRecord>> AppendThreeAsync()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        await store.AppendPinAsync(SampleRecords.Rejected("SN-2"), None);
        await store.AppendPinAsync(SampleRecords.Verified("SN-3"), None);
        return await store.ListPinsAsync(None);
    }

    private async Task<ChainVerification> VerifyAsync()
    {
        await using var store = await OpenStoreAsync();
        return await store.VerifyChainAsync(None);
    }
}
