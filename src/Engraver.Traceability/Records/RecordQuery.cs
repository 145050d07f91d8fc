namespace Engraver.Traceability.Records;

/// <summary>Which pin records to read. Every criterion left null matches all rows; the ones given must all
/// match. <see cref="From"/> and <see cref="To"/> bound the time the pin was finished (from inclusive, to
/// exclusive). Results come in sequence order; <see cref="Limit"/> keeps the first that many.</summary>
public sealed record RecordQuery
{
    public static RecordQuery All { get; } = new();

    public string? Serial { get; init; }
    public string? JobId { get; init; }
    public string? Station { get; init; }
    public PinOutcome? Outcome { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int? Limit { get; init; }
}
