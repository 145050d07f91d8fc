using Engraver.Core.Firmware;

namespace Engraver.Hardware.Tests.Support;

/// <summary>Loads the real profile files from the repository's firmware-profiles folder, found by
/// walking up from the test output to the folder holding Engraver.sln.</summary>
internal static class FirmwareProfiles
{
    private static readonly Lazy<FirmwareProfile> Grbl11Profile = new(() => Load("grbl-1.1.json"));

    public static FirmwareProfile Grbl11 => Grbl11Profile.Value;

    public static FirmwareProfile Load(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Engraver.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"No folder holding Engraver.sln above {AppContext.BaseDirectory}.");
        }

        var path = Path.Combine(directory.FullName, "firmware-profiles", fileName);
        return FirmwareProfileParser.Parse(File.ReadAllText(path), path);
    }
}
