using Engraver.Traceability.Records;

namespace Engraver.Traceability.Chain;

/// <summary>Why a chain did not verify with the key given, when that is a key question and not tampering.</summary>
public enum ChainKeyMismatch
{
    /// <summary>The chain is keyed and no key was given.</summary>
    KeyNeeded,

    /// <summary>The chain is keyed with another key than the one given.</summary>
    DifferentKey,

    /// <summary>The chain is plain and a key was given; <see cref="ChainKeyVerdict.Unkeyed"/> is the plain verification.</summary>
    UnkeyedChain,
}

/// <summary>A key mismatch and the line that says it; for an unkeyed chain, its verification without the key.</summary>
public sealed record ChainKeyVerdict(ChainKeyMismatch Mismatch, string Message, ChainVerification? Unkeyed);

/// <summary>Tells a chain read with the wrong key (or none) from a tampered one. With the wrong key every row
/// fails, so only a failure at the first row's hash is looked at: the keying recorded with the first record
/// says what the chain is; a chain begun before that was recorded is tried as a plain chain when a key was given.</summary>
public static class ChainKeyCheck
{
    public static async Task<ChainKeyVerdict?> DiagnoseAsync(
        ChainVerification chain, ChainKeying? recorded, string? givenKeyId, Func<Task<ChainVerification>> verifyUnkeyed)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(verifyUnkeyed);
        if (chain.Intact || chain.FirstBrokenSequence != 1 || chain.Problem?.StartsWith("hash mismatch", StringComparison.Ordinal) != true)
        {
            return null;
        }

        if (recorded is { Keyed: true })
        {
            if (givenKeyId is null)
            {
                return new ChainKeyVerdict(ChainKeyMismatch.KeyNeeded,
                    $"keyed chain: the key is needed (--hmac-key-file); the chain's key id is {recorded.KeyId}", null);
            }

            return givenKeyId == recorded.KeyId
                ? null
                : new ChainKeyVerdict(ChainKeyMismatch.DifferentKey,
                    $"keyed chain: a different key; the chain's key id is {recorded.KeyId}, the key given has id {givenKeyId}", null);
        }

        if (givenKeyId is null)
        {
            return null;
        }

        var unkeyed = await verifyUnkeyed().ConfigureAwait(false);
        return unkeyed.Intact || recorded is { Keyed: false }
            ? new ChainKeyVerdict(ChainKeyMismatch.UnkeyedChain,
                unkeyed.Intact
                    ? $"unkeyed chain: verified without a key, {unkeyed.RowsChecked} records intact; the key given (id {givenKeyId}) is not used by this chain"
                    : "unkeyed chain: the key given is not used by this chain; verified without a key",
                unkeyed)
            : null;
    }
}
