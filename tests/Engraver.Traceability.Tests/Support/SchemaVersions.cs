namespace Engraver.Traceability.Tests.Support;

/// <summary>The schema version the stores write; raised with every migration.</summary>
internal static class SchemaVersions
{
    public const int Current = 4;
}
