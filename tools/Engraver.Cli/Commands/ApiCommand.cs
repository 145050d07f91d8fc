using System.CommandLine;
using Engraver.Service.Api;

namespace Engraver.Cli.Commands;

/// <summary>`engraver api`: set-up helpers for the local API.</summary>
internal static class ApiCommand
{
    public static Command Create()
    {
        var key = new Argument<string>("KEY") { Description = "The user's API key (at least 16 characters); only its hash is printed." };
        key.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is not { Length: >= 16 })
            {
                r.AddError("KEY must be at least 16 characters; make one with: openssl rand -base64 24");
            }
        });
        var hashKey = new Command("hash-key", "Print the KeyHash to put in Api:Users for a key.") { key };
        hashKey.SetAction(result =>
        {
            Console.WriteLine(ApiKeyHash.Create(result.GetValue(key)!).ToString());
            return 0;
        });
        return new Command("api", "Set up the local API.") { hashKey };
    }
}
