using System.CommandLine;
using Engraver.Panel.Screen;

// engraver-panel [--url http://127.0.0.1:5080] [--user ID] [--key-file PATH]
// With a user and a key (from --key-file or ENGRAVER_PANEL_KEY) the login dialog is skipped.
var url = new Option<string>("--url")
{
    Description = "The service's local API.",
    DefaultValueFactory = _ => "http://127.0.0.1:5080",
};
var user = new Option<string?>("--user") { Description = "Operator id; with a key, logs in without the dialog." };
var keyFile = new Option<FileInfo?>("--key-file") { Description = "File holding the API key (else ENGRAVER_PANEL_KEY)." };
var root = new RootCommand("Engraver station panel: live status and commands for one station.") { url, user, keyFile };
root.SetAction(async (result, token) =>
{
    var key = Environment.GetEnvironmentVariable("ENGRAVER_PANEL_KEY");
    if (result.GetValue(keyFile) is { } file)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"engraver-panel: --key-file {file.FullName}: no such file").ConfigureAwait(false);
            return 2;
        }

        key = (await File.ReadAllTextAsync(file.FullName, token).ConfigureAwait(false)).Trim();
    }

    var urlText = result.GetRequiredValue(url);
    if (!Uri.TryCreate(urlText, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
    {
        await Console.Error.WriteLineAsync($"engraver-panel: --url {urlText}: give an http:// or https:// address").ConfigureAwait(false);
        return 2;
    }

    var start = new PanelStart(serviceUrl, result.GetValue(user), string.IsNullOrWhiteSpace(key) ? null : key);
    return await PanelApp.RunAsync(start, Console.Error, token).ConfigureAwait(false);
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
