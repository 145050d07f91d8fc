using System.Globalization;
using Engraver.Core.MaterialTest;
using ScottPlot;

namespace Engraver.Cli.Commands;

/// <summary>The material test as a heat map PNG (ScottPlot): feed across, power up, each cell coloured by its
/// grade (0 to 1, the colour bar beside it) with the grade written in it, the recommended cell ringed.</summary>
internal static class TestGridHeatMap
{
    public const int Width = 900;
    public const int Height = 650;

    public static void Save(TestGrid grid, IReadOnlyList<GradedCell> cells, GradedCell? recommended, string title, string path)
    {
        var powers = grid.Powers.Values;
        var feeds = grid.Feeds.Values;
        var grades = new double[powers.Count, feeds.Count];
        foreach (var graded in cells)
        {
            // Row 0 of the data is the top of the picture: the highest power.
            grades[powers.Count - 1 - graded.Cell.Row, graded.Cell.Column] = graded.Grade.Grade;
        }

        var feedStep = Step(feeds, 100);
        var powerStep = Step(powers, 0.1);
        var plot = new Plot();
        var map = plot.Add.Heatmap(grades);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(0, 1);
        map.Rectangle = new CoordinateRect(feeds[0] - (feedStep / 2), feeds[^1] + (feedStep / 2), powers[0] - (powerStep / 2), powers[^1] + (powerStep / 2));
        // The bar's own label would sit on its tick labels: the title says what the colour is.
        plot.Add.ColorBar(map);

        foreach (var graded in cells)
        {
            var label = plot.Add.Text(graded.Grade.Grade.ToString("0.00", CultureInfo.InvariantCulture), graded.Cell.FeedMmPerMin, graded.Cell.PowerFraction);
            label.LabelAlignment = Alignment.MiddleCenter;
            label.LabelFontSize = 12;
            label.LabelFontColor = graded.Grade.Grade > 0.6 ? Colors.Black : Colors.White;
        }

        if (recommended is not null)
        {
            var ring = plot.Add.Marker(recommended.Cell.FeedMmPerMin, recommended.Cell.PowerFraction, MarkerShape.OpenCircle, 46, Colors.Red);
            ring.MarkerLineWidth = 4;
            ring.LegendText = string.Create(CultureInfo.InvariantCulture, $"recommended: power {recommended.Cell.PowerFraction:0.###}, feed {recommended.Cell.FeedMmPerMin:0.#} mm/min");
            plot.ShowLegend(Edge.Bottom);
        }

        plot.Title(title + "\ncolour: cell grade, 0 none to 1 best");
        plot.XLabel("feed (mm/min)");
        plot.YLabel("laser power (fraction of full power)");
        plot.Axes.SetLimits(feeds[0] - (feedStep / 2), feeds[^1] + (feedStep / 2), powers[0] - (powerStep / 2), powers[^1] + (powerStep / 2));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(feeds.Select(f => new Tick(f, f.ToString("0.#", CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(powers.Select(p => new Tick(p, p.ToString("0.###", CultureInfo.InvariantCulture))).ToArray());
        plot.SavePng(path, Width, Height);
    }

    /// <summary>The spacing of an axis's values; <paramref name="single"/> for an axis of one value.</summary>
    private static double Step(IReadOnlyList<double> values, double single) => values.Count > 1 ? (values[^1] - values[0]) / (values.Count - 1) : single;
}
