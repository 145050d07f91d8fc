using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Postgres;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;

namespace Engraver.Traceability.Storage;

/// <summary>Opens the store that <see cref="RecordStoreOptions"/> names, with the plain or the keyed chain:
/// for reading (nothing signed, no key needed) or for writing (every append signs a checkpoint).</summary>
public static class RecordStoreFactory
{
    /// <summary>Opens the store to read it: an auditor's verbs need no private key. Rows appended through a
    /// store opened this way carry no signature and verification reports them as not signed.</summary>
    public static Task<IRecordStore> OpenAsync(RecordStoreOptions options, string dataFolder, CancellationToken cancellationToken) =>
        OpenAsync(options, dataFolder, anchor: null, cancellationToken);

    /// <summary>Opens the store to write it: loads the station's signing key (making it at first start), then
    /// signs the head of any chain written before signing began, unless the checkpoint file already knows that
    /// chain, and brings the checkpoint file up to the store's own checkpoints (after a crash between a commit
    /// and the file write).</summary>
    /// <param name="sinks">Where checkpoints go besides the checkpoint file (the service's log).</param>
    public static async Task<(IRecordStore Store, ChainAnchor Anchor)> OpenForWritingAsync(
        RecordStoreOptions options, string dataFolder, IReadOnlyList<ICheckpointSink> sinks, Action<Checkpoint, Exception>? sinkFailed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataFolder);
        ArgumentNullException.ThrowIfNull(sinks);
        var signer = SigningKeys.LoadOrCreate(Path.Combine(dataFolder, options.SigningKeyFile));
        var file = new CheckpointFile(Path.Combine(dataFolder, options.CheckpointFile));
        var anchor = new ChainAnchor(signer, [file, .. sinks], sinkFailed: sinkFailed);
        var store = await OpenAsync(options, dataFolder, anchor, cancellationToken);
        try
        {
            await CheckpointCatchUp.RunAsync(store, anchor, cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        return (store, anchor);
    }

    private static async Task<IRecordStore> OpenAsync(RecordStoreOptions options, string dataFolder, ChainAnchor? anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataFolder);
        var hasher = await CreateHasherAsync(options, cancellationToken);
        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            return await PostgresRecordStore.OpenAsync(options.PostgresConnectionString, hasher, anchor, cancellationToken);
        }

        return await SqliteRecordStore.OpenAsync(Path.Combine(dataFolder, options.Path), hasher, anchor, cancellationToken);
    }

    /// <summary>The hasher the options ask for: HMAC when a key is given (inline first, then from the key
    /// file), else plain SHA-256.</summary>
    public static async Task<IRecordHasher> CreateHasherAsync(RecordStoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.HmacKey))
        {
            return HmacRecordHasher.FromBase64(options.HmacKey, $"{RecordStoreOptions.SectionName}:{nameof(options.HmacKey)}");
        }

        if (!string.IsNullOrWhiteSpace(options.HmacKeyFile))
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(options.HmacKeyFile, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"{RecordStoreOptions.SectionName}:{nameof(options.HmacKeyFile)}: cannot read the record chain key file {options.HmacKeyFile}: {e.Message}", e);
            }

            return HmacRecordHasher.FromBase64(text, $"{RecordStoreOptions.SectionName}:{nameof(options.HmacKeyFile)} ({options.HmacKeyFile})");
        }

        return RecordHasher.Instance;
    }
}
