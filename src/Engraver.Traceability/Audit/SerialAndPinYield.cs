using System.Globalization;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Audit;

/// <summary>Yield counted two ways, never from records: per serial (a serial is verified when one of its pins
/// is) and per pin (a pin is one attempt of a serial, rejected ones included; its outcome is its latest record,
/// so a pin resolved at inspection counts once).</summary>
public sealed record SerialAndPinYield(long Serials, long SerialsVerified, long Pins, long PinsVerified)
{
    public double? SerialYield => Serials == 0 ? null : (double)SerialsVerified / Serials;

    public double? PinYield => Pins == 0 ? null : (double)PinsVerified / Pins;

    /// <summary>"23 of 24 serials verified (95.8%); 25 pins used, 23 verified (92.0%)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{SerialsVerified} of {Serials} serials verified ({Percent(SerialYield)}); {Pins} pins used, {PinsVerified} verified ({Percent(PinYield)})");

    private static string Percent(double? share) => share is { } value ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "-";
}

/// <summary>The pins of one pin lot counted by their outcome (each pin once, as its latest record says), and
/// how many of them were made with simulated devices.</summary>
public sealed record PinLotCounts(string PinLot, long Pins, long Verified, long Rejected, long NeedsInspection, long Simulated);

/// <summary>One pin: its latest outcome and the lot it came from.</summary>
internal readonly record struct PinState(PinOutcome Outcome, string PinLot);

/// <summary>Tallies serials and pins from records in sequence order: only the latest outcome of each pin is kept.</summary>
internal sealed class SerialAndPinTally
{
    private readonly Dictionary<(string Serial, string JobId, int Attempt), PinState> _pins = [];

    public IEnumerable<PinState> Pins => _pins.Values;

    public void Add(PinRecord record) => _pins[(record.Serial, record.JobId, record.Attempt)] = new PinState(record.Outcome, record.PinLot);

    public SerialAndPinYield ToYield()
    {
        var serials = new Dictionary<string, bool>(StringComparer.Ordinal);
        long pinsVerified = 0;
        foreach (var (key, pin) in _pins)
        {
            var verified = pin.Outcome == PinOutcome.Verified;
            serials[key.Serial] = serials.GetValueOrDefault(key.Serial) || verified;
            pinsVerified += verified ? 1 : 0;
        }

        return new SerialAndPinYield(serials.Count, serials.Count(s => s.Value), _pins.Count, pinsVerified);
    }

    /// <summary>The pins counted by their latest outcome: a resolved inspection counts once, as its resolution.</summary>
    public OutcomeCounts ToPinCounts() => new(
        _pins.Values.LongCount(p => p.Outcome == PinOutcome.Verified),
        _pins.Values.LongCount(p => p.Outcome == PinOutcome.Rejected),
        _pins.Values.LongCount(p => p.Outcome == PinOutcome.NeedsInspection));
}

/// <summary>Counts pins per pin lot, production and simulated ones together (the simulated ones also apart).</summary>
internal static class PinLotTally
{
    public static IReadOnlyList<PinLotCounts> Count(IEnumerable<PinState> production, IEnumerable<PinState> simulated)
    {
        var lots = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (pins, isSimulated) in new[] { (production, false), (simulated, true) })
        {
            foreach (var pin in pins)
            {
                if (!lots.TryGetValue(pin.PinLot, out var counts))
                {
                    counts = new long[5];
                    lots.Add(pin.PinLot, counts);
                }

                counts[0]++;
                counts[pin.Outcome switch
                {
                    PinOutcome.Verified => 1,
                    PinOutcome.Rejected => 2,
                    _ => 3,
                }]++;
                counts[4] += isSimulated ? 1 : 0;
            }
        }

        return [.. lots.Select(l => new PinLotCounts(l.Key, l.Value[0], l.Value[1], l.Value[2], l.Value[3], l.Value[4]))];
    }
}
