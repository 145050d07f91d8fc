using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Engraver.Cli.Commands;

/// <summary>A key refused before it is hashed, with what to do instead.</summary>
internal sealed class ApiKeyRefusedException(string message) : Exception(message);

/// <summary>Where `api hash-key` gets the key it hashes, never from the command line (where it would stay in the
/// shell history and show in the process list): a file, standard input, or a new random key written to a file
/// only its owner can read.</summary>
internal static class ApiKeySource
{
    /// <summary>The shortest key accepted.</summary>
    public const int MinimumLength = 16;

    /// <summary>Random bytes in a new key (32 characters of base64url).</summary>
    private const int NewKeyBytes = 24;

    /// <summary>The key in <paramref name="path"/> ("-" for standard input), its final line break dropped.</summary>
    public static string Read(string path, TextReader standardInput)
    {
        ArgumentNullException.ThrowIfNull(standardInput);
        string text;
        if (path == "-")
        {
            text = standardInput.ReadToEnd();
        }
        else if (!File.Exists(path))
        {
            throw new ApiKeyRefusedException($"there is no key file {Path.GetFullPath(path)}.");
        }
        else
        {
            text = File.ReadAllText(path);
        }

        var key = text.TrimEnd('\r', '\n');
        if (key.Contains('\n', StringComparison.Ordinal))
        {
            throw new ApiKeyRefusedException($"the key in {(path == "-" ? "standard input" : path)} has more than one line; give one key.");
        }

        return Checked(key, path == "-" ? "standard input" : path);
    }

    /// <summary>Makes a random key and writes it to <paramref name="path"/>, created new and readable by its owner
    /// only (0600); an existing file is never replaced.</summary>
    public static string CreateNew(string path)
    {
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NewKeyBytes));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var file = new FileStream(path, options);
            file.Write(Encoding.ASCII.GetBytes(key + "\n"));
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new ApiKeyRefusedException($"{Path.GetFullPath(path)} exists; a key file is never replaced. Name a new file, or hash the key in it with --key-file {path}.");
        }

        return key;
    }

    private static string Checked(string key, string from) =>
        key.Length >= MinimumLength
            ? key
            : throw new ApiKeyRefusedException($"the key from {from} has {key.Length} characters; a key needs at least {MinimumLength} (make one with --new FILE).");
}
