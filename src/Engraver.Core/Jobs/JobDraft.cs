using Engraver.Core.Input;

namespace Engraver.Core.Jobs;

/// <summary>A value read from a job file with where it was found, before any check.</summary>
internal sealed record Located(string Text, int Line, string Field);

/// <summary>What a reader (CSV or JSON) found in a file, before validation. Missing values are null;
/// <see cref="Line"/> is where a missing value would have been expected.</summary>
internal sealed class JobDraft
{
    public int Line { get; set; } = 1;

    /// <summary>What the file format calls the pin lot (pin_lot in CSV, pinLot in JSON).</summary>
    public string PinLotField { get; init; } = "pin_lot";

    public Located? Make { get; set; }

    public Located? Model { get; set; }

    public Located? PinLot { get; set; }

    public Located? Recipe { get; set; }

    public List<Located> SerialEntries { get; } = [];

    public List<JobFileError> Errors { get; } = [];

    /// <summary>The value, or null (with the problem listed) when it is not printable text within its field's
    /// length: such a value is checked no further and never echoed.</summary>
    public Located? Checked(string file, string text, int line, string field, TextField kind)
    {
        if (text.Length > 0 && FreeText.Problem(text, kind) is { } problem)
        {
            Errors.Add(new JobFileError(file, line, field, problem));
            return null;
        }

        return new Located(text, line, field);
    }

    /// <summary>The free-text kind of a job file field: the pin lot, or an id-like value (make, model, recipe, serials).</summary>
    public static TextField KindOf(string field) =>
        field is "pin_lot" or "pinLot" ? TextField.PinLot(field) : TextField.Id(field);

    /// <summary>The file could not be read as a whole (broken JSON, a bad CSV header): what is missing is
    /// not worth reporting on top.</summary>
    public bool Unreadable { get; set; }
}
