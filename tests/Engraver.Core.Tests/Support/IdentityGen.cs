using Engraver.Core.Glyphs;
using Engraver.Core.Identity;
using FsCheck;
using FsCheck.Fluent;

namespace Engraver.Core.Tests.Support;

/// <summary>Random identities drawn from the font's alphabet, short enough to fit the default pin profile.</summary>
internal static class IdentityGen
{
    public const int MaxFittingLength = 8;

    private static readonly Gen<char> Character = Gen.Elements(StrokeFont.Microstamp.Characters.ToArray());

    public static Gen<string> Field =>
        Gen.Choose(1, MaxFittingLength).SelectMany(n => Character.ArrayOf(n)).Select(chars => new string(chars));

    public static Arbitrary<MicrostampIdentity> Fitting =>
        Gen.Zip(Field, Gen.Zip(Field, Field), (make, rest) => new IdentityValidator().Validate(make, rest.Item1, rest.Item2)).ToArbitrary();
}
