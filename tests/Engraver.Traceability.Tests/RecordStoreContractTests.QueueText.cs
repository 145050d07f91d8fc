using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>Text from a job queue written before the input rules held still reaches the record of a burned pin.</summary>
public abstract partial class RecordStoreContractTests
{
    [Fact]
    public async Task Queue_text_holding_nul_made_storable_is_recorded_where_the_raw_text_is_refused()
    {
        await using var store = await OpenStoreAsync();
        var raw = SampleRecords.Verified("SN-OLD") with { PinLot = "LOT\0-7" };

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendPinAsync(raw, None));
        var stored = await store.AppendPinAsync(raw with { PinLot = Storage.PinRecordRules.Storable(raw.PinLot) }, None);

        Assert.Equal("LOT\\u0000-7", stored.Record.PinLot);
        Assert.True((await store.VerifyChainAsync(None)).Intact);
    }
}
