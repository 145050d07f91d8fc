using System.Security.Cryptography;
using System.Text;

namespace Engraver.Core.GCode;

/// <summary>G-code lines (without line endings) for one marking. The SHA-256 over the lines, each
/// followed by '\n', is the toolpath hash kept in the record.</summary>
public sealed record GCodeProgram(IReadOnlyList<string> Lines)
{
    public string Sha256Hex
    {
        get
        {
            var text = string.Concat(Lines.Select(l => l + "\n"));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)));
        }
    }

    public bool Equals(GCodeProgram? other) => other is not null && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => Lines.Count;
}
