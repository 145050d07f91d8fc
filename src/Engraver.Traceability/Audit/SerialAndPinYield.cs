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

/// <summary>Tallies serials and pins from records in sequence order: only the latest outcome of each pin is kept.</summary>
internal sealed class SerialAndPinTally
{
    private readonly Dictionary<(string Serial, string JobId, int Attempt), bool> _pinVerified = [];

    public void Add(PinRecord record) => _pinVerified[(record.Serial, record.JobId, record.Attempt)] = record.Outcome == PinOutcome.Verified;

    public SerialAndPinYield ToYield()
    {
        var serials = _pinVerified.GroupBy(p => p.Key.Serial, StringComparer.Ordinal).ToList();
        return new SerialAndPinYield(serials.Count, serials.Count(s => s.Any(p => p.Value)), _pinVerified.Count, _pinVerified.Count(p => p.Value));
    }
}
