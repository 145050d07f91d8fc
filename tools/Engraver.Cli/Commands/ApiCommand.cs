using System.CommandLine;
using Engraver.Service.Api;

namespace Engraver.Cli.Commands;

/// <summary>`engraver api`: set-up helpers for the local API.</summary>
internal static class ApiCommand
{
    /// <summary>How to give a key, for every refusal of one.</summary>
    private const string HowToGiveAKey =
        "give it in a file (--key-file FILE), on standard input (--key-file -, or piped: engraver api hash-key < FILE), " +
        "or make a new one (--new FILE writes a random key to FILE, readable by its owner only)";

    public static Command Create()
    {
        // Still parsed, only to refuse it: a key typed here stays in the shell history and shows in the process list.
        var key = new Argument<string?>("KEY") { Description = "Not accepted: see --key-file and --new.", Arity = ArgumentArity.ZeroOrOne, Hidden = true };
        key.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0)
            {
                r.AddError($"the key is not taken on the command line, where it would stay in the shell history and show in the process list; {HowToGiveAKey}.");
            }
        });
        var keyFile = new Option<string?>("--key-file") { Description = "Read the key from this file; - for standard input.", HelpName = "FILE|-" };
        var newKey = new Option<string?>("--new") { Description = "Make a random key, write it to this new file (owner read/write only) and print its hash.", HelpName = "FILE" };
        var hashKey = new Command("hash-key", "Print the KeyHash to put in Api:Users for a key read from a file or standard input, or for a new random key.")
        {
            key, keyFile, newKey,
        };
        hashKey.Validators.Add(r =>
        {
            if (r.GetResult(keyFile) is not null && r.GetResult(newKey) is not null)
            {
                r.AddError("give --key-file or --new, not both.");
            }
        });
        hashKey.SetAction(result =>
        {
            try
            {
                var secret = result.GetValue(newKey) is { } newPath ? ApiKeySource.CreateNew(newPath)
                    : result.GetValue(keyFile) is { } path ? ApiKeySource.Read(path, Console.In)
                    : Console.IsInputRedirected ? ApiKeySource.Read("-", Console.In)
                    : throw new ApiKeyRefusedException($"no key: {HowToGiveAKey}.");
                Console.WriteLine(ApiKeyHash.Create(secret).ToString());
                if (result.GetValue(newKey) is { } written)
                {
                    Console.Error.WriteLine($"api hash-key: wrote a new key to {Path.GetFullPath(written)} (owner read/write only); the hash above goes in Api:Users:N:KeyHash.");
                }

                return CliExitCodes.Ok;
            }
            catch (Exception refused) when (refused is ApiKeyRefusedException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"api hash-key: {refused.Message}");
                return CliExitCodes.CouldNotRun;
            }
        });
        return new Command("api", "Set up the local API.") { hashKey };
    }
}
