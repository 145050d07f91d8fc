namespace Engraver.Core.Identity;

/// <summary>One reason an identity cannot be engraved. <see cref="Position"/> is 1-based and counts
/// characters (Unicode code points); it is null for problems of the whole field, such as its length.</summary>
public sealed record IdentityProblem(IdentityField Field, int? Position, string Message)
{
    public override string ToString() => Message;
}
