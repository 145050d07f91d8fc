using Engraver.Core.Firmware;

namespace Engraver.Cli.Commands;

/// <summary>Finds firmware-profiles/NAME.json in the working folder or above the program's folder.</summary>
internal static class FirmwareProfileFiles
{
    public static FirmwareProfile Load(string name)
    {
        var fileName = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name : name + ".json";
        if (File.Exists(name))
        {
            return FirmwareProfileParser.Parse(File.ReadAllText(name), name);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var path = Path.Combine(folder.FullName, "firmware-profiles", fileName);
                if (File.Exists(path))
                {
                    return FirmwareProfileParser.Parse(File.ReadAllText(path), path);
                }
            }
        }

        throw new FileNotFoundException($"No firmware profile \"{name}\": looked for firmware-profiles/{fileName} in {Directory.GetCurrentDirectory()} and {AppContext.BaseDirectory} and the folders above them.");
    }
}
