namespace Engraver.Core.Tests.Support;

/// <summary>Finds files of the repository by walking up from the test binaries to the folder holding Engraver.sln.</summary>
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

            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Engraver.sln.");
        }
    }

    public static string ReadAllText(params string[] relative) => File.ReadAllText(Path.Combine([Root, .. relative]));
}
