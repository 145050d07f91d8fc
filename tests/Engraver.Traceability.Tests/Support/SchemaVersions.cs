namespace Engraver.Traceability.Tests.Support;

/// <summary>The schema version the stores write; raised with every migration.</summary>
internal static class SchemaVersions
{
    public const int Current = 5;

    /// <summary>The version before <see cref="Current"/>: pin records without simulated_devices.</summary>
    public const int Previous = 4;
}
