namespace Engraver.Cli.Commands;

/// <summary>A file an audit verb was asked to write that it refuses to: it is the record database (or its
/// -wal/-shm file), evidence, the checkpoint file or a signing key, or an existing file without --force.
/// Nothing has been written.</summary>
internal sealed class OutputRefusedException(string message) : IOException(message);

/// <summary>Checks a file an audit verb is about to write, so nothing an auditor runs can destroy records:
/// paths are compared in full (after following a link), never as typed.</summary>
internal sealed class OutputGuard(string? databasePath, string dataFolder, string checkpointFile, string keysFolder)
{
    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string[] _database = databasePath is null
        ? []
        : [Full(databasePath), Full(databasePath + "-wal"), Full(databasePath + "-shm"), Full(databasePath + "-journal")];

    private readonly string _evidenceFolder = Full(Path.Combine(dataFolder, "evidence"));
    private readonly string _checkpointFile = Full(checkpointFile);
    private readonly string _keysFolder = Full(keysFolder);

    /// <summary>Throws <see cref="OutputRefusedException"/> naming <paramref name="path"/> when writing it could
    /// destroy records or evidence, or when it exists and <paramref name="force"/> is not given.</summary>
    public void Check(string path, bool force)
    {
        var full = Full(path);
        if (_database.Any(d => string.Equals(d, full, PathComparison)))
        {
            throw new OutputRefusedException($"refusing to write {full}: it is the record database; nothing was written.");
        }

        if (IsInside(full, _evidenceFolder))
        {
            throw new OutputRefusedException($"refusing to write {full}: it is in the evidence folder {_evidenceFolder}; nothing was written.");
        }

        if (string.Equals(full, _checkpointFile, PathComparison))
        {
            throw new OutputRefusedException($"refusing to write {full}: it is the checkpoint file that anchors the records; nothing was written.");
        }

        if (IsInside(full, _keysFolder))
        {
            throw new OutputRefusedException($"refusing to write {full}: it is in the signing keys folder {_keysFolder}; nothing was written.");
        }

        if (!force && (File.Exists(full) || Directory.Exists(full)))
        {
            throw new OutputRefusedException($"refusing to write {full}: it exists; give --force to replace it. Nothing was written.");
        }
    }

    /// <summary>The path in full, through any link at its end, so a link to the database is caught too.</summary>
    private static string Full(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
            return target is null ? full : Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            return full;
        }
    }

    private static bool IsInside(string path, string folder) =>
        string.Equals(path, folder, PathComparison)
        || path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, PathComparison);
}
