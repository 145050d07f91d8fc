using Engraver.Traceability.Chain;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The keyed (HMAC) chain and group appends, on every store.</summary>
public abstract partial class RecordStoreContractTests
{
    private static readonly HmacRecordHasher Keyed = new(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task Keyed_chain_verifies_with_its_key_and_not_with_another()
    {
        await using (var store = await Database.OpenAsync(Keyed))
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
            await store.AppendPinAsync(SampleRecords.Rejected("SN-2"), None);
            Assert.True((await store.VerifyChainAsync(None)).Intact);
        }

        await using var otherKey = await Database.OpenAsync(new HmacRecordHasher(new byte[32]));
        var result = await otherKey.VerifyChainAsync(None);

        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyed_chain_rewritten_with_plain_hashes_after_an_edit_is_caught_at_the_edited_row()
    {
        await using (var store = await Database.OpenAsync(Keyed))
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
            await store.AppendPinAsync(SampleRecords.Verified("SN-2"), None);
        }

        // Without the key a forger can only recompute plain SHA-256 hashes for the whole chain.
        await using (var forger = await Database.OpenAsync(RecordHasher.Instance))
        {
            var rows = await forger.ListPinsAsync(None);
            var previous = RecordHasher.GenesisPreviousHash;
            foreach (var row in rows)
            {
                var record = row.Sequence == 2 ? row.Record with { Grade = "A+" } : row.Record;
                var hash = RecordHasher.Instance.ComputeHash(previous, record);
                await Database.ExecuteAsync($"UPDATE pin_records SET grade = '{record.Grade}', prev_hash = '{previous}', hash = '{hash}' WHERE seq = {row.Sequence};");
                previous = hash;
            }
        }

        await using var audit = await Database.OpenAsync(Keyed);
        var result = await audit.VerifyChainAsync(None);

        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Duplicate_among_concurrent_appends_fails_alone_and_the_rest_are_chained()
    {
        await using var store = await OpenStoreAsync();
        var appends = Enumerable.Range(0, 40)
            .Select(i => store.AppendPinAsync(SampleRecords.Verified(i == 25 ? "SN-3" : $"SN-{i}"), None))
            .ToList();

        var outcomes = await Task.WhenAll(appends.Select(async a =>
        {
            try
            {
                await a;
                return "ok";
            }
            catch (Records.DuplicateVerifiedSerialException)
            {
                return "duplicate";
            }
        }));

        Assert.Equal(39, outcomes.Count(o => o == "ok"));
        Assert.Equal(1, outcomes.Count(o => o == "duplicate"));
        var verification = await store.VerifyChainAsync(None);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(39, verification.RowsChecked);
    }
}
