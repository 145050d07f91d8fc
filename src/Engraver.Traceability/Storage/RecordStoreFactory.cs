using Engraver.Traceability.Chain;
using Engraver.Traceability.Postgres;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;

namespace Engraver.Traceability.Storage;

/// <summary>Opens the store that <see cref="RecordStoreOptions"/> names, with the plain or the keyed chain.</summary>
public static class RecordStoreFactory
{
    public static async Task<IRecordStore> OpenAsync(RecordStoreOptions options, string dataFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataFolder);
        var hasher = await CreateHasherAsync(options, cancellationToken);
        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            return await PostgresRecordStore.OpenAsync(options.PostgresConnectionString, hasher, cancellationToken);
        }

        return await SqliteRecordStore.OpenAsync(Path.Combine(dataFolder, options.Path), hasher, cancellationToken);
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
