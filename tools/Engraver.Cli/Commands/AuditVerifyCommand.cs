using System.CommandLine;

namespace Engraver.Cli.Commands;

/// <summary>`engraver audit verify`: walk the whole hash chain of the pins and the one of the command
/// log; exit 1 naming the first broken record of either.</summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var source = new AuditStoreSource();
        var command = new Command("verify", "Check that no record was edited, removed, inserted or reordered (exit 1 if any was).");
        source.AddTo(command);
        command.SetAction((result, token) => AuditCommand.GuardAsync("verify", () => RunAsync(source, result, token)));
        return command;
    }

    private static async Task<int> RunAsync(AuditStoreSource source, ParseResult result, CancellationToken cancellationToken)
    {
        var (store, location, _) = await source.OpenAsync(result, cancellationToken).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var chain = await store.VerifyChainAsync(cancellationToken).ConfigureAwait(false);
            var commands = await store.VerifyCommandChainAsync(cancellationToken).ConfigureAwait(false);
            if (chain.Intact)
            {
                Console.WriteLine($"audit verify: chain intact, {chain.RowsChecked} records checked in {location}");
            }
            else
            {
                Console.WriteLine($"audit verify: chain BROKEN at record {chain.FirstBrokenSequence}: {chain.Problem} ({chain.RowsChecked} records checked in {location})");
            }

            if (commands.Intact)
            {
                Console.WriteLine($"audit verify: command log intact, {commands.RowsChecked} commands checked");
            }
            else
            {
                Console.WriteLine($"audit verify: command log BROKEN at command {commands.FirstBrokenSequence}: {commands.Problem} ({commands.RowsChecked} commands checked)");
            }

            return chain.Intact && commands.Intact ? 0 : 1;
        }
    }
}
