namespace Engraver.Traceability.Anchoring;

/// <summary>Where a checkpoint goes after its transaction commits, besides the store itself.</summary>
public interface ICheckpointSink
{
    void Write(Checkpoint checkpoint);
}

/// <summary>The checkpoint file: one line per checkpoint, only ever appended to. Kept apart from the database
/// (and best made append-only, `chattr +a`, or shipped off the machine), so whoever can rewrite the database
/// cannot also take back what the file has seen.</summary>
public sealed class CheckpointFile(string path) : ICheckpointSink
{
    private readonly Lock _gate = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public void Write(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_gate)
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            File.AppendAllText(Path, checkpoint.ToLine() + "\n");
        }
    }

    /// <summary>The checkpoints in a file (a checkpoint file, or a journal export with other lines between them),
    /// with their line numbers; lines that hold the marker but no well-formed checkpoint come with the reason.</summary>
    public static IEnumerable<CheckpointLine> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (Checkpoint.TryParse(line) is { } parsed)
            {
                yield return new CheckpointLine(path, number, parsed.Checkpoint, parsed.Problem);
            }
        }
    }
}

/// <summary>A checkpoint read from a file, or the reason the line holding the marker is not one.</summary>
public sealed record CheckpointLine(string File, int Line, Checkpoint? Checkpoint, string? Problem)
{
    public string Where => $"{File} line {Line}";
}
