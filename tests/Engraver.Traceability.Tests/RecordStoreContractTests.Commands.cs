using Engraver.Traceability.Commands;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The command log: its own chain beside the pins', read back exactly, tampering caught.</summary>
public abstract partial class RecordStoreContractTests
{
    [Fact]
    public async Task Appended_command_reads_back_equal_and_links_to_the_one_before()
    {
        await using var store = await OpenStoreAsync();

        var first = await store.AppendCommandAsync(SampleCommands.Accepted("home"), None);
        var second = await store.AppendCommandAsync(SampleCommands.Accepted("unlock") with { Outcome = CommandRecord.Refused("door open") }, None);
        var read = await ToListAsync(store.ListCommandsAsync(None));

        Assert.Equal([first, second], read);
        Assert.Equal(1, first.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(SampleCommands.Accepted("home").At.UtcTicks, read[0].Record.At.UtcTicks);
        Assert.True((await store.VerifyCommandChainAsync(None)).Intact);
    }

    [Fact]
    public async Task Commands_do_not_disturb_the_pin_chain()
    {
        await using var store = await OpenStoreAsync();

        await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        await store.AppendCommandAsync(SampleCommands.Accepted("resolve"), None);
        var pin = await store.AppendPinAsync(SampleRecords.Verified("SN-2"), None);

        Assert.Equal(2, pin.Sequence);
        Assert.True((await store.VerifyChainAsync(None)).Intact);
        Assert.Equal(1, (await store.VerifyCommandChainAsync(None)).RowsChecked);
    }

    [Theory]
    [InlineData("Done")]
    [InlineData("refused: lower case")]
    public async Task Command_with_an_outcome_of_another_form_is_refused_naming_the_field(string outcome)
    {
        await using var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendCommandAsync(SampleCommands.Accepted("home") with { Outcome = outcome }, None));

        Assert.Contains("'outcome'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ToListAsync(store.ListCommandsAsync(None)));
    }

    [Fact]
    public async Task Command_whose_arguments_are_not_a_json_object_is_refused()
    {
        await using var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendCommandAsync(SampleCommands.Accepted("jog") with { Arguments = "dx=1" }, None));

        Assert.Contains("'arguments'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_edited_with_sql_is_caught_as_hash_mismatch_at_that_row()
    {
        await AppendThreeCommandsAsync();

        await Database.ExecuteAsync("UPDATE command_log SET user_id = 'mallory' WHERE seq = 2;");

        var result = await VerifyCommandsAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_deleted_with_sql_is_caught_as_gap_naming_the_missing_sequence()
    {
        await AppendThreeCommandsAsync();

        await Database.ExecuteAsync("DELETE FROM command_log WHERE seq = 2;");

        var result = await VerifyCommandsAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("gap in sequence: row 2 is missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_with_a_malformed_timestamp_is_reported_as_unreadable()
    {
        await AppendThreeCommandsAsync();

        await Database.ExecuteAsync("UPDATE command_log SET at = 'yesterday' WHERE seq = 3;");

        var result = await VerifyCommandsAsync();
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("column at", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_command_log_leaves_the_pin_chain_intact()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        }

        await AppendThreeCommandsAsync();
        await Database.ExecuteAsync("DELETE FROM command_log WHERE seq = 1;");

        await using var reopened = await OpenStoreAsync();
        Assert.True((await reopened.VerifyChainAsync(None)).Intact);
        Assert.False((await reopened.VerifyCommandChainAsync(None)).Intact);
    }

    private async Task AppendThreeCommandsAsync()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendCommandAsync(SampleCommands.Accepted("home", "bob", "Operator"), None);
        await store.AppendCommandAsync(SampleCommands.Accepted("unlock"), None);
        await store.AppendCommandAsync(SampleCommands.Accepted("resolve"), None);
    }

    private async Task<Records.ChainVerification> VerifyCommandsAsync()
    {
        await using var store = await OpenStoreAsync();
        return await store.VerifyCommandChainAsync(None);
    }

    private static async Task<List<StoredCommandRecord>> ToListAsync(IAsyncEnumerable<StoredCommandRecord> rows)
    {
        var list = new List<StoredCommandRecord>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
