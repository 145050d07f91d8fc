namespace Engraver.Core.Firmware;

/// <summary>The controller's line buffer, and how a line is counted against it. GRBL 1.1 (protocol.c)
/// drops whitespace, control characters, '/' and comments ("(...)" and ";" to the end) as bytes arrive
/// and keeps at most LINE_BUFFER_SIZE - 1 = 79 of the rest; one more sets its overflow flag and the line is
/// answered error:11 and not executed. grblHAL keeps comments in its buffer (256 characters), so its
/// profile counts them.</summary>
public sealed record LineLimit(int MaxCharacters, bool CountsComments)
{
    /// <summary>The characters of <paramref name="line"/> the controller keeps in its line buffer.</summary>
    public int Count(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var count = 0;
        var inParentheses = false;
        var inSemicolon = false;
        foreach (var c in line)
        {
            if (inSemicolon)
            {
                count += CountsComments && c > ' ' ? 1 : 0;
            }
            else if (inParentheses)
            {
                inParentheses = c != ')';
                count += CountsComments ? 1 : 0;
            }
            else if (c <= ' ' || (c == '/' && !CountsComments))
            {
                // Dropped as it arrives: whitespace, control characters, GRBL's unsupported block delete.
            }
            else if (c == '(')
            {
                inParentheses = true;
                count += CountsComments ? 1 : 0;
            }
            else if (c == ';')
            {
                inSemicolon = true;
                count += CountsComments ? 1 : 0;
            }
            else
            {
                count++;
            }
        }

        return count;
    }

    public bool Fits(string line) => Count(line) <= MaxCharacters;

    /// <summary>Throws <see cref="LineTooLongException"/> for the first line of <paramref name="lines"/> the
    /// controller would refuse with its overflow error, naming it (1-based).</summary>
    public void Check(IReadOnlyList<string> lines, string profileName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        for (var i = 0; i < lines.Count; i++)
        {
            var count = Count(lines[i]);
            if (count > MaxCharacters)
            {
                throw new LineTooLongException(
                    i + 1,
                    lines[i],
                    $"Line {i + 1} has {count} characters for the controller's line buffer; {profileName} takes at most {MaxCharacters} ({What}). Nothing was sent.");
            }
        }
    }

    private string What => CountsComments ? "whitespace not counted" : "whitespace and comments not counted";
}

/// <summary>A line of a program is longer than the controller accepts (its line buffer or its serial
/// receive buffer). Raised before anything of the program is sent.</summary>
public sealed class LineTooLongException(int lineNumber, string line, string message) : ArgumentException(message)
{
    /// <summary>1-based, within the program as given.</summary>
    public int LineNumber { get; } = lineNumber;

    public string Line { get; } = line;
}
