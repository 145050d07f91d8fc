using System.CommandLine;

namespace Engraver.Cli.Commands;

/// <summary>`engraver audit verify`: walk the whole hash chain; exit 1 naming the first broken record.</summary>
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
            if (chain.Intact)
            {
                Console.WriteLine($"audit verify: chain intact, {chain.RowsChecked} records checked in {location}");
                return 0;
            }

            Console.WriteLine($"audit verify: chain BROKEN at record {chain.FirstBrokenSequence}: {chain.Problem} ({chain.RowsChecked} records checked in {location})");
            return 1;
        }
    }
}
