using System.Security.Cryptography;

namespace Engraver.Traceability.Anchoring;

/// <summary>The station's signing key on disk: a PKCS#8 PEM private key that only its owner can read (made at
/// first start), and beside it the public key an auditor copies (<c>NAME.pub.pem</c>). Problems are
/// <see cref="SigningKeyException"/>s that name the file and what to do.</summary>
public static class SigningKeys
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The id of a key: the first 8 bytes of the SHA-256 of its public key (SubjectPublicKeyInfo), as hex.</summary>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..8]);
    }

    /// <summary>records-signing.pem gives records-signing.pub.pem; another name gets .pub.pem appended.</summary>
    public static string PublicKeyPathFor(string privateKeyPath)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPath);
        return privateKeyPath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            ? privateKeyPath[..^4] + ".pub.pem"
            : privateKeyPath + ".pub.pem";
    }

    /// <summary>Loads the private key, or makes one when the file does not exist: its folder owner-only, the key
    /// file created owner-only (never readable by others, not even for a moment), the public key written beside.
    /// A key file that group or others may read is refused, as ssh refuses one.</summary>
    public static CheckpointSigner LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            Create(fullPath);
        }

        RefuseOpenPermissions(fullPath);
        var key = ReadKey(fullPath, "record signing key", "(run as the service's user)", "an ECDSA private key");
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new SigningKeyException($"{fullPath} holds a {key.KeySize}-bit key; the record signing key is ECDSA P-256.");
        }

        var signer = new CheckpointSigner(key);
        WritePublicKeyIfMissing(PublicKeyPathFor(fullPath), signer.PublicKeyPem);
        return signer;
    }

    /// <summary>Reads one public key (PEM "PUBLIC KEY", ECDSA P-256).</summary>
    public static ECDsa ReadPublicKey(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadKey(path, "public key", "", "an ECDSA public key");
    }

    /// <summary>Reads the PEM key at <paramref name="path"/>; a file that cannot be read or holds no ECDSA key is a
    /// <see cref="SigningKeyException"/> naming the file.</summary>
    private static ECDsa ReadKey(string path, string what, string remedy, string expected)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"cannot read the {what} {path}: {e.Message}{(remedy.Length > 0 ? " " + remedy : "")}", e);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new SigningKeyException($"{path} is not {expected} in PEM: {e.Message}", e);
        }
    }

    private static void Create(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(fullPath, options);
            writer.Write(key.ExportPkcs8PrivateKeyPem());
            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(fullPath))
        {
            // Another process made it first: use theirs.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"cannot create the record signing key {fullPath}: {e.Message}", e);
        }
    }

    private static void RefuseOpenPermissions(string fullPath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(fullPath);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new SigningKeyException(
                $"the record signing key {fullPath} can be read or written by others than its owner; run `chmod 600 {fullPath}` (a key others can read signs nothing an auditor can trust).");
        }
    }

    private static void WritePublicKeyIfMissing(string path, string pem)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            File.WriteAllText(path, pem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"cannot write the public key {path}: {e.Message}", e);
        }
    }
}

/// <summary>The signing key cannot be made, read or trusted; the message names the file and the remedy.</summary>
public sealed class SigningKeyException(string message, Exception? inner = null) : IOException(message, inner);
