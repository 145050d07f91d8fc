using System.Security.Cryptography;
using System.Text;

namespace Engraver.Traceability.Anchoring;

/// <summary>Signs checkpoints with the station's private key (ECDSA P-256, SHA-256, the 64-byte IEEE P1363
/// signature as base64). Only the holder of the private key can sign; anyone with the public key can check.</summary>
public sealed class CheckpointSigner : IDisposable
{
    private readonly ECDsa _key;

    public CheckpointSigner(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        KeyId = SigningKeys.KeyIdOf(key);
    }

    /// <summary>The key's id: the first 8 bytes of the SHA-256 of its public key, as hex.</summary>
    public string KeyId { get; }

    /// <summary>The public key in PEM, for the auditor.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A new signer with a fresh key (tests, a bench store).</summary>
    public static CheckpointSigner CreateNew() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public Checkpoint Sign(string chain, long records, string head, DateTimeOffset at)
    {
        var text = Checkpoint.SignedTextOf(chain, records, head, at, KeyId);
        var signature = _key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        // The time as signed: to the millisecond.
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        return new Checkpoint(chain, records, head, signedAt, KeyId, Convert.ToBase64String(signature));
    }

    public void Dispose() => _key.Dispose();
}
