using Engraver.Core.Input;
using Engraver.Core.Jobs;

namespace Engraver.Service.Jobs;

/// <summary>Reads a job file's bytes without ever holding more than <see cref="InputLimits.MaxJobFileBytes"/>:
/// a regular file is measured before it is opened, and any stream (a device such as /dev/zero, a pipe, a
/// request body) is read only up to the limit and one byte more, so an endless or huge input is refused at
/// once with the file's name and the limit.</summary>
public static class JobFileBytes
{
    /// <summary>The file's bytes, or the error that refuses it (too large).</summary>
    public static async Task<(byte[]? Bytes, JobFileError? Error)> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > InputLimits.MaxJobFileBytes)
        {
            return (null, JobFileParser.TooLarge(path));
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            return await ReadAsync(file, path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end, refusing it as soon as it passes the limit.</summary>
    public static async Task<(byte[]? Bytes, JobFileError? Error)> ReadAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer.ToArray(), null);
            }

            if (buffer.Length + read > InputLimits.MaxJobFileBytes)
            {
                return (null, JobFileParser.TooLarge(name));
            }

            buffer.Write(chunk, 0, read);
        }
    }
}
