using Engraver.Core.Identity;

namespace Engraver.Core.Layout;

/// <summary>How much one line of text overflows the usable disc: it needs <see cref="NeededMm"/> of
/// width but the chord at its outer edge offers <see cref="AvailableMm"/>.</summary>
public sealed record LineMisfit(IdentityField Field, string Text, double NeededMm, double AvailableMm)
{
    public double OverflowMm => NeededMm - AvailableMm;
}

/// <summary>A pin profile that makes no sense, or an identity whose text does not fit on the tip.</summary>
public sealed class LayoutException : Exception
{
    public LayoutException(string message)
        : this(message, [])
    {
    }

    public LayoutException(string message, IReadOnlyList<LineMisfit> misfits)
        : base(message)
    {
        Misfits = misfits;
    }

    /// <summary>The lines that do not fit; empty when the profile itself was refused.</summary>
    public IReadOnlyList<LineMisfit> Misfits { get; }
}
