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

    /// <summary>The text the signature covers: everything of the line but the signature.</summary>
    public string SignedText => SignedTextOf(Chain, Records, Head, At, KeyId);

    public string ToLine() => $"{SignedText} sig={Signature}";

    /// <summary>Where the chain is named in messages: "records" for pins, "command log" for commands.</summary>
    public static string Describe(string chain) => chain == Pins ? "records" : "command log";

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

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in line[(start + Marker.Length)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !fields.TryAdd(token[..equals], token[(equals + 1)..]))
            {
                return (null, $"malformed field '{token}'");
            }
        }

        string? Field(string name) => fields.GetValueOrDefault(name);
        if (Field("chain") is not (Pins or Commands) || Field("records") is not { } recordsText || Field("head") is not { } head
            || Field("at") is not { } atText || Field("key") is not { } keyId || Field("sig") is not { } signature || fields.Count != 6)
        {
            return (null, "not the fields chain, records, head, at, key and sig");
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

        return (new Checkpoint(Field("chain")!, records, head, at, keyId, signature), null);
    }
}
