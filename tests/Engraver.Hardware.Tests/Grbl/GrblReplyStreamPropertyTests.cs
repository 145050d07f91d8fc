using System.Text;
using Engraver.Hardware.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

/// <summary>Random byte streams through <see cref="GrblLineSplitter"/> and
/// <see cref="GrblResponseParser.ParseRecovering"/>, as the client's reader runs them.</summary>
public sealed class GrblReplyStreamPropertyTests
{
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Any_byte_stream_splits_and_parses_without_throwing(byte[][] chunks)
    {
        var splitter = new GrblLineSplitter();
        foreach (var chunk in chunks ?? [])
        {
            foreach (var line in splitter.Push(chunk ?? []))
            {
                _ = GrblResponseParser.ParseRecovering(line);
            }
        }

        return true;
    }

    /// <summary>N lines are pending; N answers arrive, each with random noise glued in front of it or on a
    /// line of its own, cut into random chunks. Every answer is counted, none invented, and the window
    /// ends empty. Noise here leaves out line endings and the letters that start GRBL's own messages
    /// ('o', 'e', 'A', 'G', '$'): noise that spells a reply is indistinguishable from one.</summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Noise_never_loses_or_invents_an_answer(byte[][] noise, bool[] ownLine, bool[] isError, byte[] cuts)
    {
        noise ??= [];
        var stream = new List<byte>();
        var expectedErrors = 0;
        for (var i = 0; i < noise.Length; i++)
        {
            stream.AddRange((noise[i] ?? []).Select(Sanitise));
            if (ownLine.Length > i && ownLine[i])
            {
                stream.AddRange("\r\n"u8.ToArray());
            }

            var error = isError.Length > i && isError[i];
            expectedErrors += error ? 1 : 0;
            stream.AddRange(Encoding.ASCII.GetBytes(error ? "error:20\r\n" : "ok\r\n"));
        }

        var window = new CharacterCountingWindow(int.MaxValue);
        for (var i = 0; i < noise.Length; i++)
        {
            window.Sent(10);
        }

        var splitter = new GrblLineSplitter();
        var answers = 0;
        var errors = 0;
        var bytes = stream.ToArray();
        var offset = 0;
        var cut = 0;
        while (offset < bytes.Length)
        {
            var length = Math.Min(bytes.Length - offset, cuts is { Length: > 0 } ? (cuts[cut++ % cuts.Length] % 7) + 1 : bytes.Length);
            foreach (var line in splitter.Push(bytes.AsSpan(offset, length)))
            {
                var (message, _) = GrblResponseParser.ParseRecovering(line);
                if (message is GrblOk or GrblError)
                {
                    answers++;
                    errors += message is GrblError ? 1 : 0;
                    window.Acknowledge();
                }
            }

            offset += length;
        }

        return answers == noise.Length && errors == expectedErrors && window.InFlightLines == 0;
    }

    private static byte Sanitise(byte b) => b is (byte)'\r' or (byte)'\n' or (byte)'o' or (byte)'e' or (byte)'A' or (byte)'G' or (byte)'$' ? (byte)0 : b;
}
