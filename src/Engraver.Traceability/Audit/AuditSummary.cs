using System.Text.RegularExpressions;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Audit;

/// <summary>Pins finished in one UTC hour and how many of them were verified.</summary>
public sealed record HourlyYield(DateTimeOffset Hour, long Pins, long Verified)
{
    public double Yield => Pins == 0 ? 0 : (double)Verified / Pins;
}

/// <summary>A label and how often it occurs (a grade, a reject reason).</summary>
public sealed record CountedLabel(string Label, long Count);

/// <summary>Records of one kind counted by outcome.</summary>
public sealed record OutcomeCounts(long Verified, long Rejected, long NeedsInspection)
{
    public long Total => Verified + Rejected + NeedsInspection;

    /// <summary>The share of records verified, or null when there are none.</summary>
    public double? Yield => Total == 0 ? null : (double)Verified / Total;
}

/// <summary>What an audit report shows about a set of records. Records made with simulated devices are
/// counted apart from production ones, so a run on the station twin cannot swell production figures;
/// <see cref="SimulatedDevices"/> counts them by the devices they name.</summary>
public sealed record AuditSummary(
    OutcomeCounts Production,
    OutcomeCounts Simulated,
    IReadOnlyList<CountedLabel> SimulatedDevices,
    DateTimeOffset? FirstFinished,
    DateTimeOffset? LastFinished,
    IReadOnlyList<HourlyYield> YieldPerHour,
    IReadOnlyList<CountedLabel> Grades,
    IReadOnlyList<CountedLabel> RejectReasons,
    IReadOnlyList<StoredPinRecord> NotVerified,
    long NotVerifiedLeftOut)
{
    public long Total => Production.Total + Simulated.Total;

    public long Verified => Production.Verified + Simulated.Verified;

    public long Rejected => Production.Rejected + Simulated.Rejected;

    public long NeedsInspection => Production.NeedsInspection + Simulated.NeedsInspection;

    /// <summary>Production yield per serial and per pin (records are not pins: a rejected attempt is a pin of its
    /// own, a resolved inspection adds a record to its pin).</summary>
    public SerialAndPinYield ProductionYield { get; init; } = new(0, 0, 0, 0);

    /// <summary>The same for the records made with simulated devices.</summary>
    public SerialAndPinYield SimulatedYield { get; init; } = new(0, 0, 0, 0);

    /// <summary>Production pins counted by outcome, each pin once (its latest record), beside
    /// <see cref="Production"/> which counts records.</summary>
    public OutcomeCounts ProductionPins { get; init; } = new(0, 0, 0);

    /// <summary>The same for the pins made with simulated devices.</summary>
    public OutcomeCounts SimulatedPins { get; init; } = new(0, 0, 0);

    /// <summary>Pins per pin lot, sorted by lot.</summary>
    public IReadOnlyList<PinLotCounts> PinLots { get; init; } = [];

    /// <summary>One row per serial in scope, sorted by serial.</summary>
    public IReadOnlyList<SerialRow> Serials { get; init; } = [];

    /// <summary>The lowest and highest record sequence in scope (null when the scope is empty). A scope
    /// bounded by time need not be a contiguous run of records: <see cref="Total"/> says how many there are.</summary>
    public long? FirstSequence { get; init; }

    public long? LastSequence { get; init; }
}

/// <summary>Builds an <see cref="AuditSummary"/> one record at a time, so a report over a million
/// records never holds them all (it keeps one small row per serial and one outcome per pin). Reject reasons
/// are grouped by their wording with the numbers taken out ("only 53% of the expected strokes..." and
/// "only 61% ..." are one reason).</summary>
public sealed partial class AuditSummaryBuilder(int maxNotVerifiedListed = 500)
{
    public const string NoGrade = "(no grade)";
    public const string NoReason = "(no reason given)";

    private readonly SortedDictionary<DateTimeOffset, (long Pins, long Verified)> _hours = [];
    private readonly Dictionary<string, long> _grades = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _simulatedDevices = new(StringComparer.Ordinal);
    private readonly List<StoredPinRecord> _notVerified = [];
    private readonly OutcomeTally _production = new();
    private readonly OutcomeTally _simulated = new();
    private readonly SerialAndPinTally _productionPins = new();
    private readonly SerialAndPinTally _simulatedPins = new();
    private readonly SerialRowTally _serials = new();
    private long? _firstSequence;
    private long? _lastSequence;
    private long _notVerifiedLeftOut;
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;

    public void Add(StoredPinRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var r = row.Record;
        if (r.IsSimulated)
        {
            _simulated.Add(r.Outcome);
            _simulatedPins.Add(r);
            Increment(_simulatedDevices, r.SimulatedDevices!.Trim());
        }
        else
        {
            _production.Add(r.Outcome);
            _productionPins.Add(r);
        }

        _serials.Add(row);
        _firstSequence = Math.Min(_firstSequence ?? row.Sequence, row.Sequence);
        _lastSequence = Math.Max(_lastSequence ?? row.Sequence, row.Sequence);

        var finished = r.FinishedAt.ToUniversalTime();
        _first = _first is { } first && first <= finished ? first : finished;
        _last = _last is { } last && last >= finished ? last : finished;
        var hour = new DateTimeOffset(finished.Year, finished.Month, finished.Day, finished.Hour, 0, 0, TimeSpan.Zero);
        var (pins, verifiedInHour) = _hours.GetValueOrDefault(hour);
        var verified = r.Outcome == PinOutcome.Verified;
        _hours[hour] = (pins + 1, verifiedInHour + (verified ? 1 : 0));
        Increment(_grades, string.IsNullOrWhiteSpace(r.Grade) ? NoGrade : r.Grade);
        if (verified)
        {
            return;
        }

        foreach (var reason in ReasonKinds(r.Reason))
        {
            Increment(_reasons, reason);
        }

        if (_notVerified.Count < maxNotVerifiedListed)
        {
            _notVerified.Add(row);
        }
        else
        {
            _notVerifiedLeftOut++;
        }
    }

    public AuditSummary Build() => new(
        _production.ToCounts(), _simulated.ToCounts(), Counted(_simulatedDevices), _first, _last,
        [.. _hours.Select(h => new HourlyYield(h.Key, h.Value.Pins, h.Value.Verified))],
        Counted(_grades),
        Counted(_reasons),
        [.. _notVerified],
        _notVerifiedLeftOut)
    {
        ProductionYield = _productionPins.ToYield(),
        SimulatedYield = _simulatedPins.ToYield(),
        ProductionPins = _productionPins.ToPinCounts(),
        SimulatedPins = _simulatedPins.ToPinCounts(),
        PinLots = PinLotTally.Count(_productionPins.Pins, _simulatedPins.Pins),
        Serials = _serials.ToRows(),
        FirstSequence = _firstSequence,
        LastSequence = _lastSequence,
    };

    /// <summary>The distinct kinds of reason in one record's reason text (sentences joined by "; ").</summary>
    public static IEnumerable<string> ReasonKinds(string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? [NoReason]
            : reason.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(sentence => Numbers().Replace(sentence, "N"))
                .Distinct(StringComparer.Ordinal);

    private static void Increment(Dictionary<string, long> counts, string label) =>
        counts[label] = counts.GetValueOrDefault(label) + 1;

    private static List<CountedLabel> Counted(Dictionary<string, long> counts) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new CountedLabel(c.Key, c.Value))];

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Numbers();

    private sealed class OutcomeTally
    {
        private long _verified;
        private long _rejected;
        private long _needsInspection;

        public void Add(PinOutcome outcome)
        {
            switch (outcome)
            {
                case PinOutcome.Verified:
                    _verified++;
                    break;
                case PinOutcome.Rejected:
                    _rejected++;
                    break;
                default:
                    _needsInspection++;
                    break;
            }
        }

        public OutcomeCounts ToCounts() => new(_verified, _rejected, _needsInspection);
    }
}
