using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The facts of version 3 (recipe file hash, calibration, overrides, locations): stored, chained,
/// guarded against edits, mixed with older rows, and migrated into databases written before they existed.</summary>
public abstract partial class RecordStoreContractTests
{
    private static PinRecord WithFacts(string serial) => SampleRecords.Simulated(serial) with
    {
        RecipeSha256 = "9f2c4e0b7a1d3f5e6c8b9a0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f",
        Calibration = "cal-20261130-1a2b3c4d",
        Overrides = "feed 110%, power 95%",
        Locations = """[{"location":"tip","outcome":"Verified","grade":"A"},{"location":"flat","outcome":"Verified","grade":"B"}]""",
    };

    [Fact]
    public async Task Record_with_recipe_hash_calibration_overrides_and_locations_reads_back_and_verifies()
    {
        await using var store = await OpenStoreAsync();

        var appended = await store.AppendPinAsync(WithFacts("SN-FACTS"), None);

        var read = Assert.Single(await store.FindBySerialAsync("SN-FACTS", None));
        Assert.Equal(appended, read);
        Assert.Equal(WithFacts("SN-FACTS"), read.Record);
        Assert.Equal(new ChainVerification(true, 1, null, null), await VerifyAsync());
    }

    [Fact]
    public async Task Records_of_every_encoding_version_appended_together_verify()
    {
        await using var store = await OpenStoreAsync();
        PinRecord[] records =
        [
            SampleRecords.Verified("SN-1"), SampleRecords.Simulated("SN-2"), WithFacts("SN-3"),
            SampleRecords.Verified("SN-4") with { Overrides = "feed 90%" }, SampleRecords.Minimal("SN-5"),
        ];

        await store.AppendPinsAsync(records, None);

        Assert.Equal(records, (await store.ListPinsAsync(None)).Select(r => r.Record));
        Assert.Equal(new ChainVerification(true, records.Length, null, null), await VerifyAsync());
    }

    [Theory]
    [InlineData("recipe_sha256", "'0000'")]
    [InlineData("calibration", "NULL")]
    [InlineData("overrides", "NULL")]
    [InlineData("locations", "'[]'")]
    public async Task A_version_three_fact_changed_with_sql_is_caught_at_that_row(string column, string value)
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinsAsync([SampleRecords.Verified("SN-1"), WithFacts("SN-2"), SampleRecords.Verified("SN-3")], None);
        }

        await Database.ExecuteAsync($"UPDATE pin_records SET {column} = {value} WHERE seq = 2;");

        var result = await VerifyAsync();
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_added_with_sql_to_a_record_made_without_one_is_caught_at_that_row()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinsAsync([SampleRecords.Verified("SN-1"), SampleRecords.Verified("SN-2")], None);
        }

        await Database.ExecuteAsync("UPDATE pin_records SET overrides = 'power 100%' WHERE seq = 1;");

        var result = await VerifyAsync();
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Locations_holding_the_nul_character_are_refused_naming_the_field()
    {
        await using var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendPinAsync(WithFacts("SN-1") with { Locations = "[\0]" }, None));

        Assert.Contains("'locations'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_at_schema_version_eight_migrates_keeps_its_rows_verifying_and_takes_new_facts()
    {
        IReadOnlyList<StoredPinRecord> old;
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinsAsync([SampleRecords.Verified("SN-OLD-1"), SampleRecords.Simulated("SN-OLD-2")], None);
            old = await store.ListPinsAsync(None);
        }

        foreach (var column in new[] { "recipe_sha256", "calibration", "overrides", "locations" })
        {
            await Database.ExecuteAsync($"ALTER TABLE pin_records DROP COLUMN {column};");
        }

        await Database.ExecuteAsync("DELETE FROM schema_version WHERE version > 8;");

        await using var migrated = await OpenStoreAsync();
        var added = await migrated.AppendPinAsync(WithFacts("SN-NEW"), None);

        Assert.Equal(SchemaVersions.Current, Convert.ToInt32(await Database.ScalarAsync("SELECT MAX(version) FROM schema_version;"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(old, (await migrated.ListPinsAsync(None)).Take(old.Count));
        Assert.Equal(old[^1].Hash, added.PreviousHash);
        Assert.Equal(new ChainVerification(true, old.Count + 1, null, null), await VerifyAsync());
    }
}
