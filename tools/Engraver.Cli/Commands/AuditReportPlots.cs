using Engraver.Traceability.Audit;
using ScottPlot;

namespace Engraver.Cli.Commands;

/// <summary>The report's three plots as PNG files (ScottPlot).</summary>
internal static class AuditReportPlots
{
    private const int Width = 1000;
    private const int Height = 420;

    public static void YieldPerHour(IReadOnlyList<HourlyYield> hours, string path)
    {
        var plot = new Plot();
        if (hours.Count > 0)
        {
            var start = hours[0].Hour;
            var bars = hours.Select(h => new Bar
            {
                Position = (h.Hour - start).TotalHours,
                Value = h.Yield * 100,
                FillColor = Colors.SeaGreen,
            }).ToList();
            plot.Add.Bars(bars);
            var ticks = hours.Select(h => new Tick((h.Hour - start).TotalHours, h.Hour.UtcDateTime.ToString("MM-dd HH:00", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Thin(ticks, 12));
        }

        else
        {
            Empty(plot);
        }

        plot.Axes.SetLimitsY(0, 105);
        plot.Title("Yield per hour (verified pins / all pins, UTC)");
        plot.YLabel("yield %");
        plot.SavePng(path, Width, Height);
    }

    public static void Counts(IReadOnlyList<CountedLabel> counts, string title, string path, int maxBars = 12)
    {
        var plot = new Plot();
        var shown = counts.Take(maxBars).ToList();
        var bars = shown.Select((c, i) => new Bar { Position = i, Value = c.Count, FillColor = Colors.SteelBlue }).ToList();
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                shown.Select((c, i) => new Tick(i, Shorten(c.Label, 28))).ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = shown.Count > 4 ? 20 : 0;
            plot.Axes.Bottom.TickLabelStyle.Alignment = shown.Count > 4 ? Alignment.MiddleLeft : Alignment.UpperCenter;
            plot.Axes.Margins(bottom: 0);
        }
        else
        {
            Empty(plot);
        }

        plot.Title(title);
        plot.YLabel("pins");
        plot.SavePng(path, Width, Height);
    }

    private static void Empty(Plot plot)
    {
        var text = plot.Add.Text("no pins in this range", 0.5, 0.5);
        text.LabelFontSize = 18;
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.HideGrid();
    }

    private static Tick[] Thin(Tick[] ticks, int most)
    {
        var step = Math.Max(1, (int)Math.Ceiling(ticks.Length / (double)most));
        return ticks.Where((_, i) => i % step == 0).ToArray();
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
