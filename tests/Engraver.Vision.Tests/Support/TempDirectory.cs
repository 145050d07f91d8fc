namespace Engraver.Vision.Tests.Support;

/// <summary>A fresh directory for one test, removed with everything in it afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("engraver-vision-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
