using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;

namespace Engraver.Cli.Commands;

/// <summary>Puts what a person did to the queue from the command line in the store's command log, beside
/// what the API records, so an auditor sees every command whichever way it came.</summary>
internal static class CommandLog
{
    /// <summary>The role of a command given on the machine itself, with direct access to the store.</summary>
    public const string LocalRole = "Local";

    /// <summary>Appends the command; <paramref name="refusal"/> null means it was accepted.</summary>
    public static Task<StoredCommandRecord> AppendAsync(
        IRecordStore store, string user, string command, IEnumerable<KeyValuePair<string, object?>> arguments, string? refusal, CancellationToken cancellationToken) =>
        store.AppendCommandAsync(new CommandRecord
        {
            At = DateTimeOffset.UtcNow,
            Station = "command line on " + Environment.MachineName,
            User = user,
            Role = LocalRole,
            Command = command,
            Arguments = CommandArguments.From(arguments),
            Outcome = refusal ?? CommandRecord.Accepted,
        }, cancellationToken);
}
