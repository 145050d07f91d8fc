namespace Engraver.Core.Identity;

/// <summary>The three parts of a microstamp identity, in the order they are engraved (top to bottom).</summary>
public enum IdentityField
{
    Make,
    Model,
    Serial,
}
