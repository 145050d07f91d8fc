namespace Engraver.Panel.View;

/// <summary>Lays the action keys out on the panel's bottom lines, whole keys only, never cut: full labels when
/// they fit the width, short ones when they do not (an 80-column terminal), bare keys as a last resort, so every
/// key, Quit included, is always on screen.</summary>
public static class KeyBar
{
    private const string Gap = "  ";

    public static IReadOnlyList<string> Lines(IReadOnlyList<ActionKey> keys, int width, int lines = 2)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var texts in new[] { keys.Select(k => k.ToString()), keys.Select(k => k.Short), keys.Select(k => k.Key) })
        {
            var laid = Wrap(texts.ToList(), width);
            if (laid.Count <= lines)
            {
                return laid;
            }
        }

        return Wrap(keys.Select(k => k.Key).ToList(), width);
    }

    private static List<string> Wrap(List<string> texts, int width)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var text in texts)
        {
            var joined = line.Length == 0 ? text : line + Gap + text;
            if (joined.Length > width && line.Length > 0)
            {
                lines.Add(line);
                line = text;
            }
            else
            {
                line = joined;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}
