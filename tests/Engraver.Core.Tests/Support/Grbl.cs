using Engraver.Core.Firmware;

namespace Engraver.Core.Tests.Support;

/// <summary>The GRBL 1.1 profile shipped in firmware-profiles/.</summary>
internal static class Grbl
{
    public const string RelativePath = "firmware-profiles/grbl-1.1.json";

    public static string Json => RepositoryFiles.ReadAllText("firmware-profiles", "grbl-1.1.json");

    public static FirmwareProfile Profile => FirmwareProfileParser.Parse(Json, RelativePath);
}
