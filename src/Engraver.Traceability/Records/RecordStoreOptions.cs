namespace Engraver.Traceability.Records;

/// <summary>Where the records are kept and how the chain is anchored; the "Records" section of
/// appsettings.json. With no PostgreSQL connection string the store is the SQLite file at
/// <see cref="Path"/> (relative paths are taken from the station's data folder).</summary>
public sealed class RecordStoreOptions
{
    public const string SectionName = "Records";

    /// <summary>The SQLite record file; default records.db in the data folder.</summary>
    public string Path { get; set; } = "records.db";

    /// <summary>When set, records go to this PostgreSQL database instead of the SQLite file.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Optional base64 key (at least 32 bytes) that turns the chain into an HMAC chain. Better given
    /// through the environment (ENGRAVER_Records__HmacKey) or <see cref="HmacKeyFile"/> than written in a settings file.</summary>
    public string? HmacKey { get; set; }

    /// <summary>Optional file holding the base64 key; used when <see cref="HmacKey"/> is not set.</summary>
    public string? HmacKeyFile { get; set; }

    /// <summary>The station's private signing key (ECDSA P-256, PEM), made owner-only at first start; the public
    /// key is written beside it as NAME.pub.pem. Every appending transaction signs a checkpoint with it.</summary>
    public string SigningKeyFile { get; set; } = "keys/records-signing.pem";

    /// <summary>The append-only file every signed checkpoint is added to, apart from the database.</summary>
    public string CheckpointFile { get; set; } = "checkpoints.log";
}
