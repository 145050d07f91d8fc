using Engraver.Traceability.Commands;

namespace Engraver.Traceability.Tests.Support;

/// <summary>Command records as the local API writes them.</summary>
internal static class SampleCommands
{
    public static CommandRecord Accepted(string command, string user = "alice", string role = "Supervisor") => new()
    {
        At = new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567),
        Station = "station-1",
        User = user,
        Role = role,
        Command = command,
        Arguments = CommandArguments.From([new("note", "tip looked fine, Zoë checked"), new("outcome", "Verified")]),
        Outcome = CommandRecord.Accepted,
    };
}
