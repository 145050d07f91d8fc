using System.Security.Cryptography;
using System.Text;

namespace Engraver.Traceability.Anchoring;

/// <summary>What a checkpoint's signature says, checked against the public keys an auditor trusts.</summary>
public enum CheckpointTrust
{
    Valid,

    /// <summary>Signed by a key that is not among the trusted ones: a key question, not tampering by itself.</summary>
    UnknownKey,

    /// <summary>The signature does not match the text under a trusted key: the checkpoint was altered or forged.</summary>
    BadSignature,
}

/// <summary>The public keys checkpoints are checked against, by key id.</summary>
public sealed class TrustedKeys : IDisposable
{
    private readonly Dictionary<string, ECDsa> _keys;

    private TrustedKeys(Dictionary<string, ECDsa> keys) => _keys = keys;

    public static TrustedKeys None { get; } = new([]);

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public bool IsEmpty => _keys.Count == 0;

    /// <summary>Reads every public key (PEM "PUBLIC KEY") in the files; a file without one, or with a key
    /// that is not ECDSA P-256, is refused naming the file.</summary>
    public static TrustedKeys FromFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var key = SigningKeys.ReadPublicKey(path);
            if (!keys.TryAdd(SigningKeys.KeyIdOf(key), key))
            {
                key.Dispose();
            }
        }

        return new TrustedKeys(keys);
    }

    /// <summary>Trusts the signer's own key (tests, a store's own checks).</summary>
    public static TrustedKeys Of(params CheckpointSigner[] signers)
    {
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var signer in signers)
        {
            var key = ECDsa.Create();
            key.ImportFromPem(signer.PublicKeyPem);
            keys[signer.KeyId] = key;
        }

        return new TrustedKeys(keys);
    }

    public CheckpointTrust Check(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!_keys.TryGetValue(checkpoint.KeyId, out var key))
        {
            return CheckpointTrust.UnknownKey;
        }

        var signature = new byte[64];
        return Convert.TryFromBase64String(checkpoint.Signature, signature, out var length) && length == 64
            && key.VerifyData(Encoding.UTF8.GetBytes(checkpoint.SignedText), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? CheckpointTrust.Valid
            : CheckpointTrust.BadSignature;
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
