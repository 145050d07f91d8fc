using Engraver.Panel.Api;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Engraver.Panel.Screen;

/// <summary>A signed-in user: the client that carries their key and who the service says they are.</summary>
public sealed record PanelLogin(PanelClient Client, WhoAmI Who);

/// <summary>Asks for the operator id and key (masked), checks them with `GET /api/whoami`, and stays
/// open with the service's answer when they are refused, so the operator can try again.</summary>
public sealed class LoginDialog : Runnable<PanelLogin?>
{
    private readonly Func<string, PanelClient> _connect;
    private readonly TextField _user;
    private readonly TextField _key;
    private readonly Label _message;
    private readonly Button _login;

    public LoginDialog(Uri serviceUrl, Func<string, PanelClient> connect, string? user = null)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(connect);
        _connect = connect;
        Title = $"Engraver panel: log in to {serviceUrl}";
        Width = 64;
        Height = 11;
        X = Pos.Center();
        Y = Pos.Center();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;

        var userLabel = new Label { Text = "Operator id:", X = 1, Y = 1 };
        _user = new TextField { Text = user ?? string.Empty, X = 15, Y = 1, Width = Dim.Fill(2) };
        var keyLabel = new Label { Text = "Key:", X = 1, Y = 3 };
        _key = new TextField { Secret = true, X = 15, Y = 3, Width = Dim.Fill(2) };
        _message = new Label { Text = string.Empty, X = 1, Y = 5, Width = Dim.Fill(2), Height = 2 };
        _login = new Button { Text = "Log in", X = Pos.Center(), Y = 7, IsDefault = true };
        _login.Accepting += (_, e) =>
        {
            e.Handled = true;
            _ = TryLoginAsync();
        };
        Add(userLabel, _user, keyLabel, _key, _message, _login);
        (string.IsNullOrEmpty(user) ? _user : _key).SetFocus();
    }

    public string Message => _message.Text;

    private async Task TryLoginAsync()
    {
        var user = _user.Text.Trim();
        var key = _key.Text;
        if (user.Length == 0 || string.IsNullOrWhiteSpace(key))
        {
            _message.Text = "Type your operator id and your key.";
            return;
        }

        _login.Enabled = false;
        _message.Text = "Checking...";
        var client = _connect(key);
        string? refusal;
        ApiResult<WhoAmI>? answer = null;
        try
        {
            answer = await client.WhoAmIAsync(CancellationToken.None).ConfigureAwait(false);
            refusal = LoginCheck.Refusal(user, answer);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing may escape a fire-and-forget handler; the operator sees the reason instead.
            refusal = e.Message;
        }

        App?.Invoke(() =>
        {
            _login.Enabled = true;
            if (refusal is null && answer?.Value is { } who)
            {
                Result = new PanelLogin(client, who);
                App?.RequestStop();
                return;
            }

            client.Dispose();
            _message.Text = refusal ?? "Refused";
            _key.Text = string.Empty;
            _key.SetFocus();
        });
    }
}

/// <summary>Whether a whoami answer lets this user in, and if not, why in the operator's words.</summary>
public static class LoginCheck
{
    public static string? Refusal(string user, ApiResult<WhoAmI> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Succeeded || answer.Value is null)
        {
            return answer.Problem?.ToMessage() ?? "The service did not say who you are.";
        }

        // A key is one person's: logging in as someone else with it would put the wrong name in the record.
        return string.Equals(answer.Value.User, user.Trim(), StringComparison.Ordinal)
            ? null
            : $"This key does not belong to {user.Trim()}.";
    }
}
