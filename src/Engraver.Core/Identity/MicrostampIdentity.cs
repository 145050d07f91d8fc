namespace Engraver.Core.Identity;

/// <summary>What the microstamp names (PC 31910): the firearm's make, model and serial number.
/// Construct through <see cref="IdentityValidator"/> so that every character is one the font can draw.</summary>
public sealed record MicrostampIdentity(string Make, string Model, string Serial)
{
    public override string ToString() => $"{Make} {Model} {Serial}";
}
