using Engraver.Traceability.Chain;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The chain's keying, recorded with the first record, on every store.</summary>
public abstract partial class RecordStoreContractTests
{
    [Fact]
    public async Task Keyed_chain_records_that_it_is_keyed_and_its_key_id_with_the_first_record()
    {
        await using var store = await Database.OpenAsync(Keyed);
        Assert.Null(await store.ReadChainKeyingAsync(None));

        await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        await store.AppendPinAsync(SampleRecords.Verified("SN-2"), None);

        Assert.Equal(new ChainKeying(true, Keyed.KeyId), await store.ReadChainKeyingAsync(None));
        Assert.Equal(16, Keyed.KeyId.Length);
    }

    [Fact]
    public async Task Plain_chain_records_that_it_is_unkeyed_and_a_later_opener_with_a_key_does_not_change_it()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        }

        await using var keyed = await Database.OpenAsync(Keyed);
        await keyed.AppendPinAsync(SampleRecords.Verified("SN-2"), None);

        Assert.Equal(new ChainKeying(false, null), await keyed.ReadChainKeyingAsync(None));
    }

    [Fact]
    public async Task Keyed_chain_read_without_its_key_is_diagnosed_as_a_key_question_not_tampering()
    {
        await using (var store = await Database.OpenAsync(Keyed))
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        }

        await using var plain = await OpenStoreAsync();
        var chain = await plain.VerifyChainAsync(None);
        var verdict = await ChainKeyCheck.DiagnoseAsync(chain, await plain.ReadChainKeyingAsync(None), null, () => throw new InvalidOperationException("not asked"));

        Assert.False(chain.Intact);
        Assert.Equal(ChainKeyMismatch.KeyNeeded, verdict?.Mismatch);
        Assert.Contains("the key is needed (--hmac-key-file)", verdict!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyed_chain_edited_and_read_with_its_key_is_tampering_not_a_key_question()
    {
        await using (var store = await Database.OpenAsync(Keyed))
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        }

        await Database.ExecuteAsync("UPDATE pin_records SET grade = 'A+' WHERE seq = 1;");
        await using var audit = await Database.OpenAsync(Keyed);
        var chain = await audit.VerifyChainAsync(None);
        var verdict = await ChainKeyCheck.DiagnoseAsync(chain, await audit.ReadChainKeyingAsync(None), Keyed.KeyId, () => throw new InvalidOperationException("not asked"));

        Assert.False(chain.Intact);
        Assert.Null(verdict);
    }

    [Fact]
    public async Task Plain_chain_read_with_a_key_is_verified_without_it()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
            await store.AppendPinAsync(SampleRecords.Verified("SN-2"), None);
        }

        await using var keyed = await Database.OpenAsync(Keyed);
        await using var plain = await OpenStoreAsync();
        var chain = await keyed.VerifyChainAsync(None);
        var verdict = await ChainKeyCheck.DiagnoseAsync(chain, await keyed.ReadChainKeyingAsync(None), Keyed.KeyId, () => plain.VerifyChainAsync(None));

        Assert.Equal(ChainKeyMismatch.UnkeyedChain, verdict?.Mismatch);
        Assert.True(verdict!.Unkeyed!.Intact);
        Assert.Equal(2, verdict.Unkeyed.RowsChecked);
    }

    [Fact]
    public async Task Chain_begun_before_keying_was_recorded_migrates_without_a_keying_and_keeps_none()
    {
        await CreateAtPreviousVersionWithRowsAsync();

        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-NEW"), None);

        Assert.Null(await store.ReadChainKeyingAsync(None));
        Assert.True((await store.VerifyChainAsync(None)).Intact);
    }
}
