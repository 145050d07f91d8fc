using System.Globalization;
using System.Text;
using Engraver.Traceability.Chain;

namespace Engraver.Traceability.Commands;

/// <summary>The one byte form of a <see cref="CommandRecord"/> that the command chain hashes; the same rules
/// as <see cref="CanonicalEncoding"/> for pins, with its own header so a pin row can never pass for a command.</summary>
/// <remarks>
/// Format "engraver-command-record/1", UTF-8 without byte order mark:
/// <code>
/// engraver-command-record/1\n
/// &lt;field&gt;=&lt;n&gt;:&lt;text&gt;\n     one line per field, in the order of <see cref="FieldOrder"/>
/// </code>
/// &lt;n&gt; is the count of UTF-8 bytes in &lt;text&gt;; every field is required; "at" is the canonical
/// timestamp text (<see cref="CanonicalEncoding.FormatTimestamp"/>). Never edit version 1: a change is a new header.
/// </remarks>
public static class CommandEncoding
{
    public const string Header = "engraver-command-record/1";

    public static IReadOnlyList<string> FieldOrder { get; } = ["at", "station", "user", "role", "command", "arguments", "outcome"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes the record; throws <see cref="ArgumentException"/> naming the field when a text is
    /// missing or not valid Unicode.</summary>
    public static byte[] Encode(CommandRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var bytes = new ByteWriter(256);
        bytes.Append(Encoding.ASCII.GetBytes(Header + "\n"));
        string?[] values =
        [
            CanonicalEncoding.FormatTimestamp(record.At), record.Station, record.User, record.Role,
            record.Command, record.Arguments, record.Outcome,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            var name = FieldOrder[i];
            var value = values[i] ?? throw new ArgumentException($"Command record field '{name}' is required but is null.", name);
            byte[] text;
            try
            {
                text = StrictUtf8.GetBytes(value);
            }
            catch (EncoderFallbackException e)
            {
                throw new ArgumentException($"Command record field '{name}' is not valid Unicode: {e.Message}", name, e);
            }

            bytes.Append(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{name}={text.Length}:")));
            bytes.Append(text);
            bytes.Append("\n"u8);
        }

        return bytes.ToArray();
    }
}
