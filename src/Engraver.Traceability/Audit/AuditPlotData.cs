using System.Globalization;
using System.Text;

namespace Engraver.Traceability.Audit;

/// <summary>One bar of a plot: where it stands, its value, the count written on it, and its category label
/// (empty when the axis leaves this bar unlabelled so that labels do not overlap).</summary>
public sealed record PlotBar(double Position, double Value, string ValueLabel, string CategoryLabel);

/// <summary>What one plot shows, decided before any pixel is drawn: the bars with their counts and labels, the
/// axis titles with units, the orientation and the image size. No bars: the plot says <see cref="NoData"/>.</summary>
/// <param name="CategoryAxisTitle">The title of the axis the labels stand on.</param>
/// <param name="ValueAxisMax">The end of the value axis, with room left for the counts above the bars.</param>
public sealed record PlotSeries(
    string Title,
    string CategoryAxisTitle,
    string ValueAxisTitle,
    IReadOnlyList<PlotBar> Bars,
    bool Horizontal,
    double ValueAxisMax,
    int Width,
    int Height)
{
    public const string NoData = "no data";

    public bool IsEmpty => Bars.Count == 0;
}

/// <summary>Builds the report's plots from its summary: yield per hour, grades and reject reasons. Every bar
/// carries its count; time labels are UTC HH:mm with the date where it changes; long reasons are wrapped and
/// drawn as horizontal bars so that one label never runs into the next.</summary>
public static class AuditPlotData
{
    /// <summary>Wide enough to read, narrow enough for the report page (1100 px at most).</summary>
    public const int Width = 1000;

    public const int MostTimeBars = 12;
    public const int MostReasons = 12;
    private const int ReasonLineLength = 44;
    private const int ReasonLines = 3;

    /// <summary>Yield over time in at most <see cref="MostTimeBars"/> bars, so every bar has room for its count and
    /// its time: the hours are joined into buckets of 1, 2, 3, 4, 6, 8 or 12 hours or whole days, counted from
    /// midnight UTC of the first day, as few hours as fit.</summary>
    public static PlotSeries YieldPerHour(IReadOnlyList<HourlyYield> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        const string timeAxis = "start of period (UTC)";
        const string valueAxis = "verified (% of records)";
        if (hours.Count == 0)
        {
            return Empty("Yield per hour", timeAxis, valueAxis);
        }

        var day = hours[0].Hour.UtcDateTime.Date;
        var bucket = BucketHours(hours[0].Hour.UtcDateTime.Hour, (int)(hours[^1].Hour.UtcDateTime - day).TotalHours);
        var buckets = new SortedDictionary<int, (long Records, long Verified)>();
        foreach (var hour in hours)
        {
            var slot = (int)((hour.Hour.UtcDateTime - day).TotalHours / bucket);
            var (records, verified) = buckets.GetValueOrDefault(slot);
            buckets[slot] = (records + hour.Pins, verified + hour.Verified);
        }

        DateTime? lastLabelledDay = null;
        var bars = new List<PlotBar>(buckets.Count);
        foreach (var (slot, (records, verified)) in buckets)
        {
            var start = day.AddHours(slot * bucket);
            // The date only where it changes from the bar before: the axis reads as a timeline.
            var label = lastLabelledDay == start.Date
                ? start.ToString("HH:mm", CultureInfo.InvariantCulture)
                : start.ToString("HH:mm'\n'yyyy-MM-dd", CultureInfo.InvariantCulture);
            lastLabelledDay = start.Date;
            bars.Add(new PlotBar(slot, 100.0 * verified / records,
                string.Create(CultureInfo.InvariantCulture, $"{verified}\nof {records}"), label));
        }

        var title = bucket == 1 ? "Yield per hour" : bucket % 24 == 0 ? $"Yield per {Period(bucket / 24, "day")}" : $"Yield per {Period(bucket, "hour")}";
        return new PlotSeries($"{title}: records verified of records finished (UTC)", timeAxis, valueAxis, bars, false, 125, Width, 420);
    }

    /// <summary>The fewest hours per bar that keep the bars from <paramref name="firstHour"/> to
    /// <paramref name="lastHour"/> (hours counted from midnight UTC of the first day) to <see cref="MostTimeBars"/>.</summary>
    public static int BucketHours(int firstHour, int lastHour)
    {
        int Bars(int hours) => (lastHour / hours) - (firstHour / hours) + 1;
        foreach (var hours in new[] { 1, 2, 3, 4, 6, 8, 12 })
        {
            if (Bars(hours) <= MostTimeBars)
            {
                return hours;
            }
        }

        var days = 1;
        while (Bars(24 * days) > MostTimeBars)
        {
            days++;
        }

        return 24 * days;
    }

    /// <summary>Grades in their own order (A before B), the records without a grade last.</summary>
    public static PlotSeries Grades(IReadOnlyList<CountedLabel> grades)
    {
        ArgumentNullException.ThrowIfNull(grades);
        const string title = "Grade distribution";
        if (grades.Count == 0)
        {
            return Empty(title, "grade", "records");
        }

        var ordered = grades.OrderBy(g => g.Label == AuditSummaryBuilder.NoGrade).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();
        var bars = ordered.Select((g, i) => new PlotBar(i, g.Count, Count(g.Count), Wrap(g.Label, 14, 2))).ToList();
        return new PlotSeries(title, "grade", "records", bars, false, Headroom(ordered.Max(g => g.Count)), Width, 420);
    }

    /// <summary>The most frequent reasons, most frequent on top, the rest summed in one bar.</summary>
    public static PlotSeries RejectReasons(IReadOnlyList<CountedLabel> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        const string title = "Records not verified, by reason (numbers in reasons shown as N)";
        if (reasons.Count == 0)
        {
            return Empty(title, "reason", "records");
        }

        var shown = reasons.OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal).Take(MostReasons).ToList();
        if (reasons.Count > MostReasons)
        {
            var rest = reasons.Count - MostReasons;
            shown.Add(new CountedLabel(
                string.Create(CultureInfo.InvariantCulture, $"{rest} other reason{(rest == 1 ? "" : "s")}"),
                reasons.Sum(r => r.Count) - shown.Sum(r => r.Count)));
        }

        // Horizontal: the first reason on top, each label on a row of its own.
        var bars = shown.Select((r, i) => new PlotBar(shown.Count - 1 - i, r.Count, Count(r.Count), Wrap(r.Label, ReasonLineLength, ReasonLines))).ToList();
        var lines = bars.Sum(b => Math.Max(2, b.CategoryLabel.Count(c => c == '\n') + 1));
        return new PlotSeries(title, "reason", "records", bars, true, Headroom(shown.Max(r => r.Count)), Width, Math.Max(300, 110 + (lines * 20)));
    }

    /// <summary>Breaks <paramref name="text"/> at spaces into lines of at most <paramref name="lineLength"/>
    /// characters (a longer word is cut), at most <paramref name="maxLines"/> lines, the last ending in "…" when
    /// text is left out.</summary>
    public static string Wrap(string text, int lineLength, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(lineLength, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var room = line.Length == 0 ? lineLength : lineLength - line.Length - 1;
                if (rest.Length <= room)
                {
                    line.Append(line.Length == 0 ? "" : " ").Append(rest);
                    rest = "";
                }
                else if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                else
                {
                    lines.Add(rest[..lineLength]);
                    rest = rest[lineLength..];
                }
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        if (lines.Count <= maxLines)
        {
            return string.Join('\n', lines);
        }

        var last = lines[maxLines - 1];
        lines[maxLines - 1] = (last.Length < lineLength ? last : last[..(lineLength - 1)]) + "…";
        return string.Join('\n', lines.Take(maxLines));
    }

    private static PlotSeries Empty(string title, string categoryAxis, string valueAxis) =>
        new(title, categoryAxis, valueAxis, [], false, 1, Width, 300);

    private static string Period(int count, string unit) => string.Create(CultureInfo.InvariantCulture, $"{count} {unit}s");

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

    private static double Headroom(long most) => Math.Max(1, most) * 1.15;
}
