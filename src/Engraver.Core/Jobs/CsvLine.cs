using System.Text;

namespace Engraver.Core.Jobs;

/// <summary>Splits one CSV line into fields: commas separate, a field in double quotes may hold commas,
/// and "" inside quotes is one quote (RFC 4180, without line breaks inside a field).</summary>
internal static class CsvLine
{
    public static bool TrySplit(string line, out IReadOnlyList<string> cells, out string? problem)
    {
        var found = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        cells = found;
        problem = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == ',')
            {
                found.Add(cell.ToString());
                cell.Clear();
                wasQuoted = false;
            }
            else if (c == '"' && cell.ToString().Trim().Length == 0 && !wasQuoted)
            {
                cell.Clear();
                quoted = wasQuoted = true;
            }
            else if (c == '"')
            {
                problem = $"a quote at column {i + 1} is inside an unquoted field; quote the whole field and double the quote";
                return false;
            }
            else if (wasQuoted && !char.IsWhiteSpace(c))
            {
                problem = $"text follows a closing quote at column {i + 1}";
                return false;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            problem = "a quoted field is not closed before the end of the line";
            return false;
        }

        found.Add(cell.ToString());
        return true;
    }
}
