using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>Appending several records at once, on every store.</summary>
public abstract partial class RecordStoreContractTests
{
    [Fact]
    public async Task Records_appended_together_get_consecutive_sequences_and_read_back_equal()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-0"), None);
        var records = Enumerable.Range(1, 300).Select(i => i % 3 == 0 ? SampleRecords.Minimal($"SN-{i}") : SampleRecords.Verified($"SN-{i}")).ToList();

        var appended = await store.AppendPinsAsync(records, None);

        Assert.Equal(Enumerable.Range(2, 300).Select(i => (long)i), appended.Select(r => r.Sequence));
        Assert.Equal(records, appended.Select(r => r.Record));
        Assert.Equal(appended, (await store.ListPinsAsync(None)).Skip(1));
        Assert.True((await store.VerifyChainAsync(None)).Intact);
    }

    [Fact]
    public async Task Records_appended_together_are_refused_together_when_one_serial_is_already_verified()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-2"), None);

        var error = await Assert.ThrowsAsync<DuplicateVerifiedSerialException>(() => store.AppendPinsAsync(
            [SampleRecords.Verified("SN-1"), SampleRecords.Verified("SN-2"), SampleRecords.Verified("SN-3")], None));

        Assert.Equal("SN-2", error.Serial);
        Assert.Single(await store.ListPinsAsync(None));
        var next = await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        Assert.Equal(2, next.Sequence);
        Assert.True((await store.VerifyChainAsync(None)).Intact);
    }

    [Fact]
    public async Task Records_appended_together_may_not_verify_one_serial_twice()
    {
        await using var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<DuplicateVerifiedSerialException>(() => store.AppendPinsAsync(
            [SampleRecords.Verified("SN-1"), SampleRecords.Rejected("SN-2"), SampleRecords.Verified("SN-1")], None));

        Assert.Equal("SN-1", error.Serial);
        Assert.Empty(await store.ListPinsAsync(None));
    }

    [Fact]
    public async Task Appending_no_records_writes_nothing()
    {
        await using var store = await OpenStoreAsync();

        Assert.Empty(await store.AppendPinsAsync([], None));
        Assert.Empty(await store.ListPinsAsync(None));
    }
}
