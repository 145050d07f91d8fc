using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The simulated devices a record names: stored, chained, guarded against edits and migrated into
/// databases written before the field existed.</summary>
public abstract partial class RecordStoreContractTests
{
    [Fact]
    public async Task Record_naming_simulated_devices_reads_back_with_them_and_the_chain_verifies()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-PROD"), None);

        var appended = await store.AppendPinAsync(SampleRecords.Simulated("SN-TWIN"), None);

        var read = Assert.Single(await store.FindBySerialAsync("SN-TWIN", None));
        Assert.Equal(appended, read);
        Assert.Equal(SampleRecords.TwinDevices, read.Record.SimulatedDevices);
        Assert.Null(Assert.Single(await store.FindBySerialAsync("SN-PROD", None)).Record.SimulatedDevices);
        Assert.Equal(new ChainVerification(true, 2, null, null), await store.VerifyChainAsync(None));
    }

    [Fact]
    public async Task Simulated_and_production_records_appended_together_keep_their_devices_and_verify()
    {
        await using var store = await OpenStoreAsync();
        PinRecord[] records = [SampleRecords.Simulated("SN-1"), SampleRecords.Verified("SN-2"), SampleRecords.Simulated("SN-3") with { SimulatedDevices = "" }];

        await store.AppendPinsAsync(records, None);

        var read = await store.ListPinsAsync(None);
        Assert.Equal(records.Select(r => r.SimulatedDevices), read.Select(r => r.Record.SimulatedDevices));
        Assert.True((await store.VerifyChainAsync(None)).Intact);
    }

    [Fact]
    public async Task Simulated_devices_holding_the_nul_character_are_refused_naming_the_field()
    {
        await using var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendPinAsync(SampleRecords.Full with { SimulatedDevices = "camera\0" }, None));

        Assert.Contains("'simulated_devices'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListPinsAsync(None));
    }

    [Theory]
    [InlineData("'controller'")]
    [InlineData("''")]
    [InlineData("NULL")]
    public async Task Simulated_devices_edited_with_sql_are_caught_as_hash_mismatch_at_that_row(string value)
    {
        await AppendProductionSimulatedProductionAsync();

        await Database.ExecuteAsync($"UPDATE pin_records SET simulated_devices = {value} WHERE seq = 2;");

        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_record_marked_simulated_with_sql_is_caught_as_hash_mismatch_at_that_row()
    {
        await AppendProductionSimulatedProductionAsync();

        await Database.ExecuteAsync("UPDATE pin_records SET simulated_devices = 'camera' WHERE seq = 3;");

        var result = await VerifyAsync();
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_at_the_previous_schema_version_with_rows_migrates_and_still_verifies()
    {
        var old = await CreateAtPreviousVersionWithRowsAsync();
        Assert.Equal(SchemaVersions.Previous, await SchemaVersionAsync());

        await using var store = await OpenStoreAsync();

        Assert.Equal(SchemaVersions.Current, await SchemaVersionAsync());
        Assert.Equal(old, await store.ListPinsAsync(None));
        Assert.All(old, row => Assert.Null(row.Record.SimulatedDevices));
        Assert.Equal(new ChainVerification(true, old.Count, null, null), await store.VerifyChainAsync(None));
    }

    [Fact]
    public async Task Migrated_database_links_new_simulated_records_to_the_old_rows_and_verifies()
    {
        var old = await CreateAtPreviousVersionWithRowsAsync();
        await using var store = await OpenStoreAsync();

        var simulated = await store.AppendPinAsync(SampleRecords.Simulated("SN-TWIN"), None);
        var production = await store.AppendPinAsync(SampleRecords.Verified("SN-NEW"), None);

        Assert.Equal(old[^1].Hash, simulated.PreviousHash);
        Assert.Equal(SampleRecords.TwinDevices, Assert.Single(await store.FindBySerialAsync("SN-TWIN", None)).Record.SimulatedDevices);
        Assert.Equal(new ChainVerification(true, old.Count + 2, null, null), await store.VerifyChainAsync(None));
        Assert.Equal(simulated.Hash, production.PreviousHash);
    }

    private async Task AppendProductionSimulatedProductionAsync()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        await store.AppendPinAsync(SampleRecords.Simulated("SN-2"), None);
        await store.AppendPinAsync(SampleRecords.Rejected("SN-3"), None);
    }

    /// <summary>A database as schema version 4 left it: the current schema less what the later migrations
    /// added (simulated_devices, station_leases, chain_keying), holding rows appended before that (which name no simulated devices, as that version
    /// could not).</summary>
    private async Task<IReadOnlyList<StoredPinRecord>> CreateAtPreviousVersionWithRowsAsync()
    {
        IReadOnlyList<StoredPinRecord> rows;
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-OLD-1"), None);
            await store.AppendPinAsync(SampleRecords.Rejected("SN-OLD-2"), None);
            await store.AppendPinAsync(SampleRecords.Minimal("SN-OLD-3"), None);
            rows = await store.ListPinsAsync(None);
        }

        await Database.ExecuteAsync("DROP TABLE station_leases;");
        await Database.ExecuteAsync("DROP TABLE chain_keying;");
        await Database.ExecuteAsync("DROP TABLE chain_checkpoints;");
        foreach (var column in new[] { "simulated_devices", "recipe_sha256", "calibration", "overrides", "locations" })
        {
            await Database.ExecuteAsync($"ALTER TABLE pin_records DROP COLUMN {column};");
        }

        await Database.ExecuteAsync($"DELETE FROM schema_version WHERE version > {SchemaVersions.Previous};");
        return rows;
    }

    private async Task<int> SchemaVersionAsync() =>
        Convert.ToInt32(await Database.ScalarAsync("SELECT MAX(version) FROM schema_version;"), System.Globalization.CultureInfo.InvariantCulture);
}
