namespace Engraver.Traceability.Tests.Support;

/// <summary>The schema version the stores write; raised with every migration.</summary>
internal static class SchemaVersions
{
    public const int Current = 9;

    /// <summary>Version 4, before pin records had simulated_devices (and before station_leases).</summary>
    public const int Previous = 4;
}
