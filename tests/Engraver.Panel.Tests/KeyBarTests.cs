using Engraver.Panel.Api;
using Engraver.Panel.View;
using Xunit;

namespace Engraver.Panel.Tests;

public sealed class KeyBarTests
{
    [Fact]
    public void A_supervisor_on_80_columns_sees_every_key_quit_included_in_two_lines_none_cut()
    {
        var keys = ActionKeys.For(PanelRole.Supervisor);

        var lines = KeyBar.Lines(keys, 80);

        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.EndsWith("F10 Quit", lines[^1], StringComparison.Ordinal);
        Assert.All(keys, key => Assert.Contains(key.Short, string.Join("  ", lines), StringComparison.Ordinal));
    }

    [Fact]
    public void A_wide_terminal_shows_the_full_labels()
    {
        var lines = KeyBar.Lines(ActionKeys.For(PanelRole.Supervisor), 200);

        Assert.Contains("F7 Acknowledge alarm", string.Join("  ", lines), StringComparison.Ordinal);
        Assert.Contains("Ctrl+R Resolve inspection  F10 Quit", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_narrow_terminal_keeps_the_bare_keys_quit_included()
    {
        var lines = KeyBar.Lines(ActionKeys.For(PanelRole.Supervisor), 30);

        Assert.Contains("F10", string.Join("  ", lines), StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.Length <= 30, line));
    }
}
