using System.Text;
using System.Text.Json;
using Engraver.Core.Input;

namespace Engraver.Core.Jobs;

/// <summary>Reads a JSON job file: one object with the strings make, model, pinLot and recipe and the array
/// serials (each a serial or a range). Comments and trailing commas are allowed. Each value is located by
/// the line it starts on; a serial's field is named serials[i].</summary>
internal static class JsonJobFileReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static JobDraft Read(string file, string text)
    {
        var draft = new JobDraft { PinLotField = "pinLot" };
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            ReadDocument(ref reader, file, lines, draft);
        }
        catch (JsonException e)
        {
            draft.Errors.Add(new JobFileError(file, (int)(e.LineNumber ?? 0) + 1, "json", $"not valid JSON: {e.Message}"));
            draft.Unreadable = true;
        }

        return draft;
    }

    private static void ReadDocument(ref Utf8JsonReader reader, string file, LineIndex lines, JobDraft draft)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            draft.Errors.Add(new JobFileError(file, reader.TokenType == JsonTokenType.None ? 1 : lines.At(reader.TokenStartIndex), "json",
                "a JSON job file is one object with make, model, pinLot, recipe and serials"));
            draft.Unreadable = true;
            return;
        }

        draft.Line = lines.At(reader.TokenStartIndex);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var line = lines.At(reader.TokenStartIndex);
            reader.Read();
            if (!seen.Add(name))
            {
                draft.Errors.Add(new JobFileError(file, line, FreeText.Quote(name), "appears twice"));
                reader.Skip();
                continue;
            }

            switch (name)
            {
                case "make":
                    draft.Make = ReadString(ref reader, file, lines, name, draft);
                    break;
                case "model":
                    draft.Model = ReadString(ref reader, file, lines, name, draft);
                    break;
                case "pinLot":
                    draft.PinLot = ReadString(ref reader, file, lines, name, draft);
                    break;
                case "recipe":
                    draft.Recipe = ReadString(ref reader, file, lines, name, draft);
                    break;
                case "serials":
                    ReadSerials(ref reader, file, lines, draft);
                    break;
                default:
                    draft.Errors.Add(new JobFileError(file, line, FreeText.Quote(name), "unknown property; the properties are make, model, pinLot, recipe and serials"));
                    reader.Skip();
                    break;
            }
        }
    }

    private static Located? ReadString(ref Utf8JsonReader reader, string file, LineIndex lines, string field, JobDraft draft)
    {
        var line = lines.At(reader.TokenStartIndex);
        if (reader.TokenType == JsonTokenType.String)
        {
            return draft.Checked(file, reader.GetString()!.Trim(), line, field, JobDraft.KindOf(field));
        }

        draft.Errors.Add(new JobFileError(file, line, field, $"must be a string, not {Describe(reader.TokenType)}"));
        reader.Skip();
        return null;
    }

    private static void ReadSerials(ref Utf8JsonReader reader, string file, LineIndex lines, JobDraft draft)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            draft.Errors.Add(new JobFileError(file, lines.At(reader.TokenStartIndex), "serials",
                $"must be an array of serials and ranges, not {Describe(reader.TokenType)}"));
            reader.Skip();
            return;
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var field = $"serials[{index++}]";
            var line = lines.At(reader.TokenStartIndex);
            if (reader.TokenType != JsonTokenType.String)
            {
                draft.Errors.Add(new JobFileError(file, line, field, $"must be a string, not {Describe(reader.TokenType)}"));
                reader.Skip();
                continue;
            }

            var text = reader.GetString()!.Trim();
            if (text.Length == 0)
            {
                draft.Errors.Add(new JobFileError(file, line, field, "is empty; give a serial or a range such as A000100-A000999"));
                continue;
            }

            if (draft.Checked(file, text, line, field, JobDraft.KindOf("serials")) is { } entry)
            {
                draft.SerialEntries.Add(entry);
            }
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    /// <summary>Maps a byte offset to its 1-based line (the reader only gives offsets).</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _lineStarts = [0];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public int At(long offset)
        {
            var found = _lineStarts.BinarySearch(offset);
            return (found >= 0 ? found : ~found - 1) + 1;
        }
    }
}
