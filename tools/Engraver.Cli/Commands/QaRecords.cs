using System.Text.Json;
using Engraver.Traceability.Records;

namespace Engraver.Cli.Commands;

/// <summary>The test-fire QA rows of one serial in the command log, each as one line for `audit show`.</summary>
internal static class QaRecords
{
    public static async IAsyncEnumerable<string> ForSerialAsync(
        IRecordStore store, string serial, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in store.ListCommandsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (row.Record.Command != QaCommand.CommandName)
            {
                continue;
            }

            using var arguments = JsonDocument.Parse(row.Record.Arguments);
            var root = arguments.RootElement;
            if (!root.TryGetProperty("serial", out var of) || of.GetString() != serial)
            {
                continue;
            }

            yield return $"QA test fire (command log row {row.Sequence}, {row.Record.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, {row.Record.User}): "
                + $"{Text(root, "readAlone")} of {Text(root, "casings")} casings read the serial on their own, read together: {Text(root, "readTogether")}; "
                + $"pin record #{Text(root, "pinRecord")}; {Text(root, "files")}";
        }
    }

    private static string Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? "?" : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
