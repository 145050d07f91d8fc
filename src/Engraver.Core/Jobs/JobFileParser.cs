using Engraver.Core.Input;

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

    /// <summary>As <see cref="Parse(string, string, JobFileRules)"/> for the file's bytes: refused when larger than
    /// <see cref="InputLimits.MaxJobFileBytes"/> or not valid UTF-8 (the error names the byte offset and line of
    /// the first invalid byte; nothing is silently replaced).</summary>
    public static JobFileResult Parse(string fileName, ReadOnlySpan<byte> bytes, JobFileRules rules)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (bytes.Length > InputLimits.MaxJobFileBytes)
        {
            return JobFileResult.Invalid([TooLarge(fileName)]);
        }

        if (FreeText.DecodeUtf8(bytes, out var invalidAt) is not { } text)
        {
            var line = bytes[..(int)invalidAt].Count((byte)'\n') + 1;
            return JobFileResult.Invalid([new JobFileError(fileName, line, "file", $"is not valid UTF-8: the first invalid byte is at byte offset {invalidAt}")]);
        }

        return Parse(fileName, text, rules);
    }

    /// <summary>The error for a job file over <see cref="InputLimits.MaxJobFileBytes"/>, found before reading it.</summary>
    public static JobFileError TooLarge(string fileName) =>
        new(fileName, 1, "file", $"is larger than the job file limit of {InputLimits.MaxJobFileBytes} bytes ({InputLimits.MaxJobFileBytes / (1024 * 1024)} MiB); split it into several jobs");

    public static JobFileResult ParseCsv(string fileName, string text, JobFileRules rules) =>
        JobFileValidator.Validate(fileName, CsvJobFileReader.Read(fileName, text), rules);

    public static JobFileResult ParseJson(string fileName, string text, JobFileRules rules) =>
        JobFileValidator.Validate(fileName, JsonJobFileReader.Read(fileName, text), rules);
}
