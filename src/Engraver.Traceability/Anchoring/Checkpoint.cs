using System.Globalization;
using Engraver.Traceability.Chain;

namespace Engraver.Traceability.Anchoring;

/// <summary>A signed statement that a chain had <see cref="Records"/> rows ending in <see cref="Head"/> at
/// <see cref="At"/>. One line of text, so it can go to an append-only file and the system journal as it is,
/// and be read back from either (a journal line carries a prefix; the checkpoint is found inside it).</summary>
/// <remarks>The head hash commits to every row before it, so one valid checkpoint vouches for the whole chain
/// up to it: a rewrite shows as another hash at that row, a truncation or a rollback as fewer rows.</remarks>
public sealed record Checkpoint(string Chain, long Records, string Head, DateTimeOffset At, string KeyId, string Signature)
{
    /// <summary>The chain of pin records.</summary>
    public const string Pins = "pins";

    /// <summary>The chain of the command log.</summary>
    public const string Commands = "commands";

    public const string Marker = "engraver-checkpoint v1 ";

    public static IReadOnlyList<string> Chains { get; } = [Pins, Commands];

    private static readonly string[] FieldNames = ["chain", "records", "head", "at", "key", "sig"];

    /// <summary>The text the signature covers: everything of the line but the signature.</summary>
    public string SignedText => SignedTextOf(Chain, Records, Head, At, KeyId);

    public string ToLine() => $"{SignedText} sig={Signature}";

    /// <summary>Where the chain is named in messages: "records" for pins, "command log" for commands.</summary>
    public static string Describe(string chain) => chain == Pins ? "records" : "command log";

    private static int Base64Length(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && (char.IsAsciiLetterOrDigit(text[length]) || text[length] is '+' or '/' or '='))
        {
            length++;
        }

        return length;
    }

    public static string SignedTextOf(string chain, long records, string head, DateTimeOffset at, string keyId) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Marker}chain={chain} records={records} head={head} at={at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} key={keyId}");

    /// <summary>Reads the checkpoint in <paramref name="line"/>: null when the line holds none (other log text),
    /// else the checkpoint or, for a line that holds the marker but not a well-formed checkpoint, why not.</summary>
    public static (Checkpoint? Checkpoint, string? Problem)? TryParse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var start = line.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        // The fields in their fixed order, each up to the next space; the signature ends at its last base64
        // character, so a checkpoint quoted inside a JSON log line reads the same as a plain one.
        var rest = line.AsSpan(start + Marker.Length);
        var values = new string[FieldNames.Length];
        for (var i = 0; i < FieldNames.Length; i++)
        {
            rest = rest.TrimStart(' ');
            if (!rest.StartsWith(FieldNames[i] + "=", StringComparison.Ordinal))
            {
                return (null, $"not the fields {string.Join(", ", FieldNames)} in that order (field {i + 1} should be {FieldNames[i]})");
            }

            rest = rest[(FieldNames[i].Length + 1)..];
            var length = i == FieldNames.Length - 1 ? Base64Length(rest) : rest.IndexOf(' ') is var space and >= 0 ? space : rest.Length;
            values[i] = rest[..length].ToString();
            rest = rest[length..];
        }

        var (chain, recordsText, head, atText, keyId, signature) = (values[0], values[1], values[2], values[3], values[4], values[5]);
        if (chain is not (Pins or Commands))
        {
            return (null, $"chain '{chain}' is not {Pins} or {Commands}");
        }

        if (!long.TryParse(recordsText, NumberStyles.None, CultureInfo.InvariantCulture, out var records) || records < 1)
        {
            return (null, $"records '{recordsText}' is not a positive count");
        }

        if (!RecordHasher.IsHashText(head))
        {
            return (null, "head is not 64 lowercase hex characters");
        }

        if (!DateTimeOffset.TryParseExact(atText, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return (null, $"time '{atText}' is not UTC yyyy-MM-ddTHH:mm:ss.fffZ");
        }

        return (new Checkpoint(chain, records, head, at, keyId, signature), null);
    }
}
