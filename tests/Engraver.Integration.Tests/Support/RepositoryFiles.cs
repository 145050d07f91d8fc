using Engraver.Core.Firmware;

namespace Engraver.Integration.Tests.Support;

internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Engraver.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Engraver.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static FirmwareProfile Grbl11()
    {
        var path = Path.Combine(Root, "firmware-profiles", "grbl-1.1.json");
        return FirmwareProfileParser.Parse(File.ReadAllText(path), path);
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engraver-it-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing process; the OS temp cleaner takes it.
        }
    }
}
