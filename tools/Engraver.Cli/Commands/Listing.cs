using System.CommandLine;
using System.Text.Json;
using Engraver.Traceability.Audit;
using Spectre.Console;

namespace Engraver.Cli.Commands;

/// <summary>How a listing verb writes its rows: a table for a person at a terminal, tab-separated lines or a JSON
/// array for a script.</summary>
internal enum ListingFormat
{
    Table,
    Tsv,
    Json,
}

/// <summary>One column of a listing: its title in a table, its key in TSV's header line and in JSON.</summary>
internal sealed record ListingColumn(string Title, string Key);

/// <summary>The rows of a listing verb (job list, audit show, audit commands), written in the format asked for.
/// Every format keeps each value whole: a table written into a pipe or a file is not wrapped at 80 columns, TSV
/// has one line per row, and text from records is made safe for a terminal in the table and TSV (JSON escapes
/// it itself).</summary>
internal sealed class Listing(IReadOnlyList<ListingColumn> columns)
{
    /// <summary>The width a table is laid out in when standard output is not a terminal: wide enough that no
    /// id, hash or path is broken across lines.</summary>
    private const int PipedWidth = 4096;

    private readonly List<string?[]> _rows = [];

    public int Count => _rows.Count;

    /// <summary>The --format option of a listing verb: table (the default), tsv or json.</summary>
    public static Option<ListingFormat> FormatOption(params string[] alsoAccepted)
    {
        var option = new Option<ListingFormat>("--format")
        {
            Description = "table (for a terminal), tsv (one tab-separated line per row, a header first) or json (an array of objects).",
            DefaultValueFactory = _ => ListingFormat.Table,
        };
        option.AcceptOnlyFromAmong(["table", "tsv", "json", .. alsoAccepted]);
        return option;
    }

    /// <summary>Lays tables out without wrapping when standard output is a pipe or a file, so what a script
    /// reads back is whole.</summary>
    public static void UnwrapWhenPiped()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = PipedWidth;
        }
    }

    public void Add(params string?[] cells)
    {
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"{cells.Length} cells for {columns.Count} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void Write(ListingFormat format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case ListingFormat.Tsv:
                WriteTsv(output);
                break;
            case ListingFormat.Json:
                WriteJson(output);
                break;
            default:
                AnsiConsole.Write(AsTable());
                break;
        }
    }

    public Table AsTable()
    {
        UnwrapWhenPiped();
        var table = new Table();
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column.Title));
        }

        foreach (var row in _rows)
        {
            table.AddRow([.. row.Select(cell => Markup.Escape(TerminalText.Escape(cell ?? "-")))]);
        }

        return table;
    }

    private void WriteTsv(TextWriter output)
    {
        output.WriteLine(string.Join('\t', columns.Select(c => c.Key)));
        foreach (var row in _rows)
        {
            // A tab or line break inside a value would shift the columns: TerminalText writes both as \uXXXX.
            output.WriteLine(string.Join('\t', row.Select(cell => TerminalText.Escape(cell ?? ""))));
        }
    }

    private void WriteJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in _rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    json.WriteString(columns[i].Key, row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
