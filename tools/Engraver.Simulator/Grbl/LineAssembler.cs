using System.Text;

namespace Engraver.Simulator.Grbl;

/// <summary>Builds one line from received bytes the way GRBL 1.1's protocol loop does: whitespace and
/// control characters and '/' dropped, comments in parentheses and after ';' stripped, letters upper-cased,
/// and at most <see cref="MaxCharacters"/> characters kept (more sets the overflow flag, error:11).</summary>
internal sealed class LineAssembler
{
    /// <summary>GRBL's LINE_BUFFER_SIZE is 80 including the terminating zero.</summary>
    public const int MaxCharacters = 79;

    private readonly StringBuilder _line = new(MaxCharacters);
    private bool _inParenComment;
    private bool _inSemicolonComment;
    private bool _overflow;

    /// <summary>Feeds one byte; true when it ended a line, which <see cref="Take"/> then returns.</summary>
    public bool Accept(byte value)
    {
        var c = (char)value;
        if (c is '\n' or '\r')
        {
            return true;
        }

        if (_inParenComment)
        {
            _inParenComment = c != ')';
        }
        else if (_inSemicolonComment || c <= ' ' || c == '/')
        {
            // Skipped: rest of a ';' comment, whitespace, a control character, or '/' (GRBL does not
            // support block delete and drops the character).
        }
        else if (c == '(')
        {
            _inParenComment = true;
        }
        else if (c == ';')
        {
            _inSemicolonComment = true;
        }
        else if (_line.Length >= MaxCharacters)
        {
            _overflow = true;
        }
        else
        {
            _line.Append(char.ToUpperInvariant(c));
        }

        return false;
    }

    public (string Text, bool Overflow) Take()
    {
        var result = (_line.ToString(), _overflow);
        Reset();
        return result;
    }

    public void Reset()
    {
        _line.Clear();
        _inParenComment = false;
        _inSemicolonComment = false;
        _overflow = false;
    }
}
