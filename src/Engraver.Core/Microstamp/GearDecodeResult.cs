using Engraver.Core.Identity;

namespace Engraver.Core.Microstamp;

/// <summary>The outcome of reading a gear ring: <see cref="Decoded"/>, <see cref="Undecodable"/> or,
/// when several reads are fused, <see cref="Contradictory"/>. A read the code cannot vouch for is never
/// turned into an identity.</summary>
public abstract record GearDecodeResult
{
    private GearDecodeResult()
    {
    }

    /// <summary>The identity, or null when there is none.</summary>
    public abstract MicrostampIdentity? Identity { get; }

    /// <summary>The identity was recovered. <paramref name="CorrectedErrors"/> counts code symbols that
    /// were read wrong and corrected; <paramref name="Erasures"/> counts code symbols that held at least
    /// one unreadable cell.</summary>
    public sealed record Decoded(MicrostampIdentity Value, int CorrectedErrors, int Erasures) : GearDecodeResult
    {
        public override MicrostampIdentity? Identity => Value;
    }

    /// <summary>The cells do not determine an identity; <paramref name="Reason"/> says why.</summary>
    public sealed record Undecodable(string Reason) : GearDecodeResult
    {
        public override MicrostampIdentity? Identity => null;
    }

    /// <summary>Fusing several reads: read number <paramref name="ReadIndex"/> (0-based) disagrees with
    /// the others. <paramref name="OthersAgreeOn"/> is the identity the remaining reads decode to, if any.</summary>
    public sealed record Contradictory(int ReadIndex, string Reason, MicrostampIdentity? OthersAgreeOn) : GearDecodeResult
    {
        public override MicrostampIdentity? Identity => null;
    }
}
