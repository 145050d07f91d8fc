namespace Engraver.Traceability.Commands;

/// <summary>One command a person gave the station (home, unlock, resolve a pin ...), who gave it with which
/// role, its arguments as canonical JSON text (see <see cref="CommandArguments"/>) and what came of it:
/// "Accepted", "Refused: why" or "Failed: why". Written once, never updated.</summary>
public sealed record CommandRecord
{
    public required DateTimeOffset At { get; init; }
    public required string Station { get; init; }
    public required string User { get; init; }
    public required string Role { get; init; }
    public required string Command { get; init; }
    public required string Arguments { get; init; }
    public required string Outcome { get; init; }

    public const string Accepted = "Accepted";

    public static string Refused(string why) => "Refused: " + why;

    public static string Failed(string why) => "Failed: " + why;
}

/// <summary>A command record as stored: its place in the command chain and the hashes that link it.</summary>
public sealed record StoredCommandRecord(long Sequence, CommandRecord Record, string PreviousHash, string Hash);
