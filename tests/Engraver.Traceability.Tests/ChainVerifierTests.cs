using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class ChainVerifierTests
{
    [Fact]
    public async Task Empty_chain_is_intact()
    {
        var result = await ChainVerifier.Default.VerifyAsync(InMemoryChain.Stream([]), CancellationToken.None);

        Assert.Equal(new(true, 0, null, null), result);
    }

    [Fact]
    public async Task Correctly_linked_rows_are_intact_and_all_counted()
    {
        var result = await ChainVerifier.Default.VerifyAsync(InMemoryChain.Stream(InMemoryChain.Build(5)), CancellationToken.None);

        Assert.True(result.Intact);
        Assert.Equal(5, result.RowsChecked);
    }

    [Fact]
    public async Task Edited_record_is_reported_as_hash_mismatch_at_its_sequence()
    {
        var rows = InMemoryChain.Build(4);
        rows[2] = rows[2] with { Record = rows[2].Record with { Grade = "B" } };

        var result = await ChainVerifier.Default.VerifyAsync(InMemoryChain.Stream(rows), CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_row_not_linked_to_genesis_is_reported_as_previous_hash_mismatch()
    {
        var rows = InMemoryChain.Build(2);
        rows[0] = rows[0] with { PreviousHash = new string('1', 64) };

        var result = await ChainVerifier.Default.VerifyAsync(InMemoryChain.Stream(rows), CancellationToken.None);

        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.StartsWith("previous-hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_row_is_reported_as_gap_at_the_missing_sequence()
    {
        var rows = InMemoryChain.Build(5);
        rows.RemoveAt(1);

        var result = await ChainVerifier.Default.VerifyAsync(InMemoryChain.Stream(rows), CancellationToken.None);

        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("gap in sequence", result.Problem, StringComparison.Ordinal);
        Assert.Equal(2, result.RowsChecked);
    }

    [Fact]
    public async Task Row_the_store_cannot_read_is_reported_at_its_sequence()
    {
        var rows = InMemoryChain.Build(2);

        var result = await ChainVerifier.Default.VerifyAsync(InMemoryChain.StreamThenCorrupt(rows, 3), CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("'Shipped' is not a pin outcome", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_chain_is_checked_to_the_end_and_an_edit_far_in_is_reported_at_its_sequence()
    {
        var rows = InMemoryChain.Build(5000);
        var intact = await ChainVerifier.Default.VerifyAsync(InMemoryChain.Stream(rows), CancellationToken.None);
        rows[4321] = rows[4321] with { Record = rows[4321].Record with { Operator = "x" } };

        var broken = await ChainVerifier.Default.VerifyAsync(InMemoryChain.Stream(rows), CancellationToken.None);

        Assert.Equal(new ChainVerification(true, 5000, null, null), intact);
        Assert.Equal(4322, broken.FirstBrokenSequence);
        Assert.Equal(4322, broken.RowsChecked);
        Assert.StartsWith("hash mismatch", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_row_after_a_long_intact_run_is_reported_after_every_row_before_it_is_checked()
    {
        var rows = InMemoryChain.Build(3000);

        var result = await ChainVerifier.Default.VerifyAsync(InMemoryChain.StreamThenCorrupt(rows, 3001), CancellationToken.None);

        Assert.Equal(new ChainVerification(false, 3001, 3001, "row cannot be read: column outcome: 'Shipped' is not a pin outcome"), result);
    }
}
