namespace Engraver.Traceability.Commands;

/// <summary>What every store checks before a command record enters the chain.</summary>
internal static class CommandRecordRules
{
    public static byte[] CheckAndEncode(CommandRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Require(record.Station, "station");
        Require(record.User, "user");
        Require(record.Role, "role");
        Require(record.Command, "command");
        if (record.Arguments is null || !CommandArguments.IsObject(record.Arguments))
        {
            throw new ArgumentException($"Command record field 'arguments' must be one JSON object, not '{record.Arguments}'.", nameof(record));
        }

        if (record.Outcome is not CommandRecord.Accepted
            && !record.Outcome.StartsWith("Refused: ", StringComparison.Ordinal)
            && !record.Outcome.StartsWith("Failed: ", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Command record field 'outcome' must be \"Accepted\", \"Refused: <why>\" or \"Failed: <why>\", not '{record.Outcome}'.", nameof(record));
        }

        return CommandEncoding.Encode(record);
    }

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"Command record field '{name}' must not be empty.", name);
        }
    }
}
