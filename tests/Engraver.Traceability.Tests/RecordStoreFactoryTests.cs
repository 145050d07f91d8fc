using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Engraver.Traceability.Storage;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class RecordStoreFactoryTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Default_options_open_records_db_in_the_data_folder()
    {
        await using var store = await RecordStoreFactory.OpenAsync(new RecordStoreOptions(), _folder.Path, None);

        var sqlite = Assert.IsType<SqliteRecordStore>(store);
        Assert.Equal(_folder.File("records.db"), sqlite.Location);
    }

    [Fact]
    public async Task No_key_gives_the_plain_sha256_chain()
    {
        Assert.Same(RecordHasher.Instance, await RecordStoreFactory.CreateHasherAsync(new RecordStoreOptions(), None));
    }

    [Fact]
    public async Task Inline_key_and_key_file_give_the_same_keyed_chain()
    {
        var keyFile = _folder.File("chain.key");
        await File.WriteAllTextAsync(keyFile, Key + "\n");

        var inline = await RecordStoreFactory.CreateHasherAsync(new RecordStoreOptions { HmacKey = Key }, None);
        var fromFile = await RecordStoreFactory.CreateHasherAsync(new RecordStoreOptions { HmacKeyFile = keyFile }, None);

        Assert.IsType<HmacRecordHasher>(inline);
        Assert.Equal(
            inline.ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full),
            fromFile.ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full));
    }

    [Fact]
    public async Task Missing_key_file_is_reported_naming_the_setting_and_the_file()
    {
        var missing = _folder.File("nowhere.key");

        var error = await Assert.ThrowsAsync<IOException>(() => RecordStoreFactory.CreateHasherAsync(new RecordStoreOptions { HmacKeyFile = missing }, None));

        Assert.Contains("Records:HmacKeyFile", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chain_written_with_a_key_does_not_verify_without_it()
    {
        var keyed = new RecordStoreOptions { HmacKey = Key };
        await using (var store = await RecordStoreFactory.OpenAsync(keyed, _folder.Path, None))
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
            Assert.True((await store.VerifyChainAsync(None)).Intact);
        }

        await using var unkeyed = await RecordStoreFactory.OpenAsync(new RecordStoreOptions(), _folder.Path, None);
        var result = await unkeyed.VerifyChainAsync(None);

        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBrokenSequence);
    }
}
