namespace Engraver.Core.Jobs;

/// <summary>Reads a job file's text (CSV or JSON, by the file name's extension) into a checked
/// <see cref="JobFile"/>, or into every problem found, each naming file, line and field. Pure: the caller
/// reads the file.</summary>
/// <example>
/// CSV:
/// <code>
/// make,model,pin_lot,recipe,serials
/// ACME,P10,LOT-7,default,A000100-A000999
/// ,,,,B000001
/// </code>
/// JSON:
/// <code>
/// { "make": "ACME", "model": "P10", "pinLot": "LOT-7", "recipe": "default",
///   "serials": ["A000100-A000999", "B000001"] }
/// </code>
/// </example>
public static class JobFileParser
{
    public static JobFileResult Parse(string fileName, string text, JobFileRules rules)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rules);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".csv" => ParseCsv(fileName, text, rules),
            ".json" => ParseJson(fileName, text, rules),
            _ => JobFileResult.Invalid([new JobFileError(fileName, 1, "file", $"unknown job file type '{extension}'; use .csv or .json")]),
        };
    }

    public static JobFileResult ParseCsv(string fileName, string text, JobFileRules rules) =>
        JobFileValidator.Validate(fileName, CsvJobFileReader.Read(fileName, text), rules);

    public static JobFileResult ParseJson(string fileName, string text, JobFileRules rules) =>
        JobFileValidator.Validate(fileName, JsonJobFileReader.Read(fileName, text), rules);
}
