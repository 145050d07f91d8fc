using Engraver.Core.Input;

namespace Engraver.Core.Jobs;

/// <summary>Reads a CSV job file: a header line naming the columns make, model, pin_lot, recipe and serials
/// (any order), then one line per serial or range. The first data line gives make, model, pin lot and
/// recipe; later lines may repeat them or leave them empty, but not change them. Empty lines and lines
/// starting with '#' are skipped. Fields follow RFC 4180 quoting within one line.</summary>
internal static class CsvJobFileReader
{
    private static readonly string[] Columns = ["make", "model", "pin_lot", "recipe", "serials"];

    public static JobDraft Read(string file, string text)
    {
        var draft = new JobDraft();
        void Error(int line, string field, string message) => draft.Errors.Add(new JobFileError(file, line, field, message));

        Dictionary<string, int>? header = null;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!CsvLine.TrySplit(line, out var cells, out var problem))
            {
                Error(lineNumber, header is null ? "header" : "line", problem!);
                draft.Unreadable |= header is null;
                if (header is null)
                {
                    return draft;
                }

                continue;
            }

            if (header is null)
            {
                header = ReadHeader(cells, lineNumber, Error);
                draft.Line = lineNumber;
                if (header is null)
                {
                    draft.Unreadable = true;
                    return draft;
                }

                continue;
            }

            if (cells.Count != header.Count)
            {
                Error(lineNumber, "line", $"has {cells.Count} field(s); the header names {header.Count}");
                continue;
            }

            ReadRow(draft, file, header, cells, lineNumber, Error);
        }

        if (header is null)
        {
            Error(1, "header", $"the file has no header line; expected {string.Join(",", Columns)}");
            draft.Unreadable = true;
        }

        return draft;
    }

    private static Dictionary<string, int>? ReadHeader(IReadOnlyList<string> cells, int line, Action<int, string, string> error)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < cells.Count; i++)
        {
            var name = cells[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                error(line, "header", $"unknown column '{FreeText.Quote(cells[i])}'; the columns are {string.Join(", ", Columns)}");
                ok = false;
            }
            else if (!header.TryAdd(name, i))
            {
                error(line, "header", $"column '{name}' appears twice");
                ok = false;
            }
        }

        foreach (var missing in Columns.Where(c => !header.ContainsKey(c)))
        {
            error(line, "header", $"column '{missing}' is missing");
            ok = false;
        }

        return ok ? header : null;
    }

    private static void ReadRow(JobDraft draft, string file, Dictionary<string, int> header, IReadOnlyList<string> cells, int line, Action<int, string, string> error)
    {
        Located? Same(Located? known, string column)
        {
            var text = cells[header[column]].Trim();
            if (text.Length > 0 && draft.Checked(file, text, line, column, JobDraft.KindOf(column)) is null)
            {
                return known;
            }

            if (known is null)
            {
                return new Located(text, line, column);
            }

            if (text.Length > 0 && !string.Equals(text, known.Text, StringComparison.Ordinal))
            {
                error(line, column, $"'{text}' differs from '{known.Text}' on line {known.Line}; one job file is one {column}");
            }

            return known;
        }

        draft.Make = Same(draft.Make, "make");
        draft.Model = Same(draft.Model, "model");
        draft.PinLot = Same(draft.PinLot, "pin_lot");
        draft.Recipe = Same(draft.Recipe, "recipe");
        var serial = cells[header["serials"]].Trim();
        if (serial.Length == 0)
        {
            error(line, "serials", "is empty; give a serial or a range such as A000100-A000999");
        }
        else if (draft.Checked(file, serial, line, "serials", JobDraft.KindOf("serials")) is { } entry)
        {
            draft.SerialEntries.Add(entry);
        }
    }
}
