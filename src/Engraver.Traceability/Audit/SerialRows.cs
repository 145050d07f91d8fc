using Engraver.Traceability.Records;

namespace Engraver.Traceability.Audit;

/// <summary>One serial as the report's per-serial table shows it: its latest record in the report's scope (the
/// outcome, who made or resolved it, when, its grade and evidence) and how many pins it used.</summary>
/// <param name="Sequence">The latest record's place in the chain (its evidence is checked under this number).</param>
/// <param name="Outcome">The final outcome in words: <see cref="SerialOutcomes"/>.</param>
/// <param name="Person">The operator on the latest record: for a resolved inspection, the person who resolved it.</param>
public sealed record SerialRow(
    long Sequence,
    string Serial,
    string Make,
    string Model,
    string Outcome,
    int PinsUsed,
    string Person,
    DateTimeOffset Finished,
    string? Grade,
    string? EvidencePath,
    string? SimulatedDevices)
{
    public bool IsSimulated => !string.IsNullOrWhiteSpace(SimulatedDevices);
}

/// <summary>The words for a serial's final outcome. A pin resolved at inspection says so: verified by hand, or
/// scrapped (the resolution's Rejected).</summary>
public static class SerialOutcomes
{
    public const string Verified = "Verified";
    public const string VerifiedAtInspection = "Verified at inspection";
    public const string Rejected = "Rejected";
    public const string ScrappedAtInspection = "Scrapped at inspection";
    public const string NeedsInspection = "NeedsInspection";

    public static string Of(PinOutcome outcome, bool resolvedInspection) => (outcome, resolvedInspection) switch
    {
        (PinOutcome.Verified, false) => Verified,
        (PinOutcome.Verified, true) => VerifiedAtInspection,
        (PinOutcome.Rejected, false) => Rejected,
        (PinOutcome.Rejected, true) => ScrappedAtInspection,
        _ => NeedsInspection,
    };
}

/// <summary>Keeps one small row per serial from records in sequence order, so a scope of a hundred thousand
/// serials holds a hundred thousand rows, not their records. Texts that repeat across records (make, model,
/// operator, devices) are kept once.</summary>
internal sealed class SerialRowTally
{
    private readonly Dictionary<string, Entry> _serials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public void Add(StoredPinRecord row)
    {
        var r = row.Record;
        if (!_serials.TryGetValue(r.Serial, out var entry))
        {
            entry = new Entry();
            _serials.Add(r.Serial, entry);
        }

        var resolved = entry.AddPin(r.JobId, r.Attempt, r.Outcome);
        entry.Latest = new SerialRow(
            row.Sequence, r.Serial, Shared(r.Make), Shared(r.Model), SerialOutcomes.Of(r.Outcome, resolved), entry.PinsUsed,
            Shared(r.Operator), r.FinishedAt, r.Grade, r.EvidencePath, r.IsSimulated ? Shared(r.SimulatedDevices!.Trim()) : null);
    }

    /// <summary>The rows sorted by serial (<see cref="SerialOrder"/>: SN-2 before SN-10).</summary>
    public IReadOnlyList<SerialRow> ToRows()
    {
        var rows = new SerialRow[_serials.Count];
        var i = 0;
        foreach (var entry in _serials.Values)
        {
            rows[i++] = entry.Latest!;
        }

        Array.Sort(rows, static (a, b) => SerialOrder.Instance.Compare(a.Serial, b.Serial));
        return rows;
    }

    private string Shared(string text)
    {
        if (_texts.TryGetValue(text, out var kept))
        {
            return kept;
        }

        // A bound on the pool: texts that never repeat (a free-text field) are not worth keeping.
        if (_texts.Count < 4096)
        {
            _texts.Add(text, text);
        }

        return text;
    }

    private sealed class Entry
    {
        // Most serials have one or two pins: a list searched in place costs less than a set.
        private readonly List<(string JobId, int Attempt, bool Inspected)> _pins = new(1);

        public SerialRow? Latest { get; set; }

        public int PinsUsed => _pins.Count;

        /// <summary>Notes a record of a pin; true when it settles an inspection the pin was waiting for.</summary>
        public bool AddPin(string jobId, int attempt, PinOutcome outcome)
        {
            var needsInspection = outcome == PinOutcome.NeedsInspection;
            for (var i = 0; i < _pins.Count; i++)
            {
                var pin = _pins[i];
                if (pin.Attempt == attempt && string.Equals(pin.JobId, jobId, StringComparison.Ordinal))
                {
                    _pins[i] = (jobId, attempt, pin.Inspected || needsInspection);
                    return pin.Inspected && !needsInspection;
                }
            }

            _pins.Add((jobId, attempt, needsInspection));
            return false;
        }
    }
}
