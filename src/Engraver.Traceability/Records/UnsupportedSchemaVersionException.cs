namespace Engraver.Traceability.Records;

/// <summary>The record database was written by a newer version of Engraver; opening it with this one
/// could misread or damage records, so it is refused.</summary>
public sealed class UnsupportedSchemaVersionException(string location, int foundVersion, int knownVersion)
    : Exception($"Record database {location} has schema version {foundVersion}, but this version of Engraver " +
                $"knows schema versions up to {knownVersion}. Open it with a newer Engraver.")
{
    public string Location { get; } = location;

    public int FoundVersion { get; } = foundVersion;

    public int KnownVersion { get; } = knownVersion;
}
