using System.Globalization;
using System.Text;
using Engraver.Core.MaterialTest;
using Spectre.Console;

namespace Engraver.Cli.Commands;

/// <summary>The material test's table: on the console (Spectre.Console) powers down and feeds across, each cell's
/// grade and verdict, the recommended one marked; and as a TSV file, one line per cell with every measure.</summary>
internal static class TestGridReport
{
    public static readonly string[] TsvColumns =
        ["cell", "power_fraction", "feed_mm_per_min", "grade", "verdict", "contrast", "line_width_mm", "width_ratio", "fill", "stray", "recommended", "gcode_sha256"];

    public static void WriteConsole(TestGrid grid, IReadOnlyList<GradedCell> cells, GradedCell? recommended)
    {
        Listing.UnwrapWhenPiped();
        var table = new Table().Border(TableBorder.Rounded).Title("grade by power (rows) and feed (columns, mm/min); * recommended");
        table.AddColumn(new TableColumn("power").RightAligned());
        foreach (var feed in grid.Feeds.Values)
        {
            table.AddColumn(new TableColumn(feed.ToString("0.#", CultureInfo.InvariantCulture)).RightAligned());
        }

        foreach (var power in grid.Powers.Values)
        {
            var row = new List<string> { power.ToString("0.###", CultureInfo.InvariantCulture) };
            foreach (var feed in grid.Feeds.Values)
            {
                var cell = cells.FirstOrDefault(c => c.Cell.PowerFraction == power && c.Cell.FeedMmPerMin == feed);
                row.Add(cell is null ? "-" : Markup.Escape(Text(cell, ReferenceEquals(cell, recommended))));
            }

            table.AddRow(row.ToArray());
        }

        AnsiConsole.Write(table);
    }

    public static string Text(GradedCell cell, bool recommended) =>
        string.Create(CultureInfo.InvariantCulture, $"{(recommended ? "*" : "")}{cell.Grade.Grade:0.00} {cell.Grade.Verdict}");

    /// <summary>Creates the TSV file (never replacing one).</summary>
    public static void WriteTsv(string path, IReadOnlyList<GradedCell> cells, GradedCell? recommended, IReadOnlyDictionary<GridCell, string> gcodeSha256)
    {
        var text = new StringBuilder();
        text.Append(string.Join('\t', TsvColumns)).Append('\n');
        foreach (var c in cells)
        {
            var g = c.Grade;
            text.Append(string.Join('\t',
                c.Cell.Name,
                N(c.Cell.PowerFraction, "0.####"),
                N(c.Cell.FeedMmPerMin, "0.##"),
                N(g.Grade, "0.0000"),
                g.Verdict,
                N(g.Contrast, "0.0000"),
                N(g.LineWidthMm, "0.00000"),
                N(g.WidthRatio, "0.000"),
                N(g.Fill, "0.0000"),
                N(g.Stray, "0.0000"),
                ReferenceEquals(c, recommended) ? "yes" : "no",
                gcodeSha256.TryGetValue(c.Cell, out var sha) ? sha : "")).Append('\n');
        }

        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        file.Write(bytes);
    }

    private static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
