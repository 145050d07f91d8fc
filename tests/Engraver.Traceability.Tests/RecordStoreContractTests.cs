using System.Data.Common;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;
using FsCheck;
using FsCheck.Xunit;

namespace Engraver.Traceability.Tests;

/// <summary>What every record store promises, run once per store by each subclass against a fresh database.</summary>
public abstract partial class RecordStoreContractTests : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;
    private ITestDatabase? _database;

    protected ITestDatabase Database => _database ?? throw new InvalidOperationException("The test database is not created yet.");

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected abstract Task<ITestDatabase> CreateDatabaseAsync();

    protected Task<IRecordStore> OpenStoreAsync() => Database.OpenAsync(RecordHasher.Instance);

    [Fact]
    public async Task Appended_record_reads_back_equal_in_every_field()
    {
        await using var store = await OpenStoreAsync();

        var appended = await store.AppendPinAsync(SampleRecords.Full, None);
        var read = Assert.Single(await store.ListPinsAsync(None));

        Assert.Equal(SampleRecords.Full, read.Record);
        Assert.Equal(appended, read);
        Assert.Equal(SampleRecords.Full.StartedAt.UtcTicks, read.Record.StartedAt.UtcTicks);
    }

    [Fact]
    public async Task Record_without_optional_fields_reads_back_with_nulls()
    {
        await using var store = await OpenStoreAsync();
        var minimal = SampleRecords.Minimal("SN-9");

        await store.AppendPinAsync(minimal, None);
        var read = Assert.Single(await store.ListPinsAsync(None)).Record;

        Assert.Equal(minimal, read);
        Assert.Null(read.StrokeCoverage);
        Assert.Null(read.Grade);
        Assert.Null(read.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak and 'quotes'")]
    [InlineData("Ωmega \U0001F52C")]
    public async Task Unusual_text_round_trips_exactly(string text)
    {
        await using var store = await OpenStoreAsync();

        await store.AppendPinAsync(SampleRecords.Full with { Operator = text, Reason = text }, None);
        var read = Assert.Single(await store.ListPinsAsync(None));

        Assert.Equal(text, read.Record.Operator);
        Assert.Equal(text, read.Record.Reason);
        Assert.True((await store.VerifyChainAsync(None)).Intact);
    }

    [Property(MaxTest = 40)]
    public async Task<bool> Any_text_and_finite_numbers_round_trip_and_keep_the_chain_intact(
        NonNull<string> text, NormalFloat power, int slot)
    {
        if (!WellFormedText.Check(text.Get) || text.Get.Contains('\0', StringComparison.Ordinal))
        {
            return true;
        }

        var record = SampleRecords.Minimal("SN-P") with { Operator = text.Get, Reason = text.Get, PowerFraction = power.Get, Slot = slot };
        await using var store = await OpenStoreAsync();

        var appended = await store.AppendPinAsync(record, None);
        var read = (await store.FindBySerialAsync("SN-P", None)).Single(r => r.Sequence == appended.Sequence);

        return read == appended && (await store.VerifyChainAsync(None)).Intact;
    }

    [Fact]
    public async Task Appended_rows_link_each_to_the_hash_of_the_row_before()
    {
        await using var store = await OpenStoreAsync();

        var first = await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        var second = await store.AppendPinAsync(SampleRecords.Rejected("SN-2"), None);
        var third = await store.AppendPinAsync(SampleRecords.Verified("SN-2"), None);

        Assert.Equal([1L, 2L, 3L], new[] { first.Sequence, second.Sequence, third.Sequence });
        Assert.Equal(RecordHasher.GenesisPreviousHash, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(second.Hash, third.PreviousHash);
        Assert.Equal(RecordHasher.Instance.ComputeHash(first.Hash, second.Record), second.Hash);
        Assert.Equal(new ChainVerification(true, 3, null, null), await store.VerifyChainAsync(None));
    }

    [Fact]
    public async Task Second_verified_record_for_a_serial_is_refused_and_leaves_the_chain_unchanged()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-7"), None);

        var error = await Assert.ThrowsAsync<DuplicateVerifiedSerialException>(
            () => store.AppendPinAsync(SampleRecords.Verified("SN-7") with { Attempt = 2 }, None));

        Assert.Equal("SN-7", error.Serial);
        Assert.Single(await store.ListPinsAsync(None));
        Assert.True((await store.VerifyChainAsync(None)).Intact);
    }

    [Fact]
    public async Task Rejected_record_for_a_verified_serial_is_accepted()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-7"), None);

        var rejected = await store.AppendPinAsync(SampleRecords.Rejected("SN-7"), None);

        Assert.Equal(2, rejected.Sequence);
        Assert.Equal(2, (await store.FindBySerialAsync("SN-7", None)).Count);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_verified_row_for_a_serial()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-7"), None);
        }

        var error = await Assert.ThrowsAnyAsync<DbException>(() => Database.ExecuteAsync(
            "INSERT INTO pin_records SELECT 2, serial, make, model, job_id, station, operator, pin_lot, slot, attempt, firmware, " +
            "firmware_banner, recipe_name, power_fraction, feed_mm_per_min, passes, toolpath_sha256, stroke_coverage, stray_mark, " +
            "grade, evidence_path, evidence_sha256, outcome, reason, started_at, finished_at, hash, hash, simulated_devices, " +
            "recipe_sha256, calibration, overrides, locations FROM pin_records;"));

        Assert.Contains("unique", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Find_by_serial_returns_only_that_serials_rows_in_sequence_order()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Rejected("SN-1"), None);
        await store.AppendPinAsync(SampleRecords.Verified("SN-2"), None);
        await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);

        var found = await store.FindBySerialAsync("SN-1", None);

        Assert.Equal([1L, 3L], found.Select(r => r.Sequence));
        Assert.Empty(await store.FindBySerialAsync("SN-404", None));
    }

    [Fact]
    public async Task Reopened_store_keeps_the_chain_and_continues_it()
    {
        StoredPinRecord last;
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
            last = await store.AppendPinAsync(SampleRecords.Verified("SN-2"), None);
        }

        await using var reopened = await OpenStoreAsync();
        var next = await reopened.AppendPinAsync(SampleRecords.Verified("SN-3"), None);

        Assert.Equal(3, next.Sequence);
        Assert.Equal(last.Hash, next.PreviousHash);
        Assert.Equal(3, (await reopened.ListPinsAsync(None)).Count);
        Assert.True((await reopened.VerifyChainAsync(None)).Intact);
    }

    [Fact]
    public async Task Two_stores_appending_at_once_build_one_unbroken_chain()
    {
        await using var first = await OpenStoreAsync();
        await using var second = await OpenStoreAsync();

        var appends = Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? first : second).AppendPinAsync(SampleRecords.Verified($"SN-{i}"), None));
        await Task.WhenAll(appends);

        var verification = await first.VerifyChainAsync(None);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(20, verification.RowsChecked);
    }

    [Fact]
    public async Task Database_with_a_newer_schema_version_is_refused_naming_the_version()
    {
        await using (await OpenStoreAsync())
        {
        }

        var current = Convert.ToInt32(await Database.ScalarAsync("SELECT MAX(version) FROM schema_version;"), System.Globalization.CultureInfo.InvariantCulture);
        await Database.ExecuteAsync($"INSERT INTO schema_version (version, applied_at) VALUES ({SchemaVersions.Current + 1}, 'later');");

        var error = await Assert.ThrowsAsync<UnsupportedSchemaVersionException>(() => OpenStoreAsync());
        Assert.Equal(SchemaVersions.Current + 1, error.FoundVersion);
        Assert.Equal(SchemaVersions.Current, error.KnownVersion);
        Assert.Contains($"schema version {SchemaVersions.Current + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains(Database.Location, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_holding_the_nul_character_is_refused_naming_the_field()
    {
        await using var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendPinAsync(SampleRecords.Full with { Reason = "nul\0inside" }, None));

        Assert.Contains("'reason'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListPinsAsync(None));
    }

    [Fact]
    public async Task Record_with_a_blank_serial_is_refused_before_anything_is_written()
    {
        await using var store = await OpenStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendPinAsync(SampleRecords.Verified(" "), None));

        Assert.Empty(await store.ListPinsAsync(None));
    }
}
