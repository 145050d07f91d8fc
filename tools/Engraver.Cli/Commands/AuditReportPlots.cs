using Engraver.Traceability.Audit;
using ScottPlot;

namespace Engraver.Cli.Commands;

/// <summary>Draws a <see cref="PlotSeries"/> as a PNG file (ScottPlot): the bars with their counts, the category
/// labels as the series gives them, both axes titled. What is drawn is decided in <see cref="AuditPlotData"/>;
/// this class only paints it.</summary>
internal static class AuditReportPlots
{
    public static void Save(PlotSeries series, string path)
    {
        var plot = new Plot();
        plot.Title(series.Title);
        if (series.IsEmpty)
        {
            // "no data" in place of an empty frame with axes that mean nothing.
            var text = plot.Add.Text(PlotSeries.NoData, 0.5, 0.5);
            text.LabelFontSize = 22;
            text.LabelAlignment = Alignment.MiddleCenter;
            plot.Axes.SetLimits(0, 1, 0, 1);
            plot.HideAxesAndGrid();
            plot.Axes.Title.IsVisible = true;
            plot.SavePng(path, series.Width, series.Height);
            return;
        }

        var bars = series.Bars.Select(b => new Bar
        {
            Position = b.Position,
            Value = b.Value,
            Label = b.ValueLabel,
            FillColor = series.Horizontal ? Colors.IndianRed : Colors.SteelBlue,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = series.Horizontal;
        barPlot.ValueLabelStyle.FontSize = 14;
        barPlot.ValueLabelStyle.Bold = true;

        var ticks = series.Bars.Where(b => b.CategoryLabel.Length > 0).Select(b => new Tick(b.Position, b.CategoryLabel)).ToArray();
        var (categoryAxis, valueAxis) = series.Horizontal
            ? ((IAxis)plot.Axes.Left, (IAxis)plot.Axes.Bottom)
            : (plot.Axes.Bottom, plot.Axes.Left);
        categoryAxis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        categoryAxis.TickLabelStyle.FontSize = 13;
        categoryAxis.Label.Text = series.CategoryAxisTitle;
        valueAxis.Label.Text = series.ValueAxisTitle;
        valueAxis.Min = 0;
        valueAxis.Max = series.ValueAxisMax;
        var (first, last) = (series.Bars.Min(b => b.Position), series.Bars.Max(b => b.Position));
        categoryAxis.Min = first - 0.6;
        categoryAxis.Max = last + 0.6;
        plot.SavePng(path, series.Width, series.Height);
    }
}
