using System.Diagnostics;
using Engraver.Core.Firmware;

namespace Engraver.Hardware.Grbl;

/// <summary>One stream of lines through a <see cref="GrblClient"/>: character counting (unacknowledged
/// bytes never exceed the controller's receive buffer less one) or send-and-wait (one line at a time).
/// Every answer is matched to its line in order; the first error stops the machine and is reported
/// with its line; a reset seen during the stream is reported as a reboot.</summary>
internal sealed class GrblStreamer(GrblClient client, int rxBufferBytes, StreamingMode mode)
{
    public async Task<GrblStreamResult> StreamAsync(IReadOnlyList<string> lines, IProgress<int>? linesAcknowledged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var window = new CharacterCountingWindow(mode == StreamingMode.SendAndWait ? int.MaxValue : rxBufferBytes - 1);

        // Every line is checked before the first byte goes out: a line the controller refuses (error:11)
        // would stop the machine halfway through the program.
        client.Profile.MaxLineLength.Check(lines, client.Profile.Name);
        var encoded = new byte[lines.Count][];
        long totalBytes = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            encoded[i] = client.Encode(lines[i], $"line {i + 1}");
            totalBytes += encoded[i].Length;
            if (!window.Fits(encoded[i].Length))
            {
                throw new LineTooLongException(i + 1, lines[i], $"Line {i + 1} is {encoded[i].Length} bytes with its line ending; the {client.Profile.Name} receive buffer takes at most {window.CapacityBytes} unanswered bytes. Nothing was sent.");
            }
        }

        var started = Stopwatch.GetTimestamp();
        var resetsBefore = client.Router.UnexpectedResets;
        var inFlight = new Queue<(int Index, Task<GrblReply> Reply)>();
        var acknowledged = 0;

        async Task AcknowledgeOldestAsync()
        {
            var (index, replyTask) = inFlight.Peek();
            GrblReply reply;
            try
            {
                reply = await client.WaitForReplyAsync(replyTask, $"no answer to line {index + 1} \"{lines[index]}\"", cancellationToken).ConfigureAwait(false);
            }
            catch (GrblResetException e)
            {
                throw new GrblResetException($"The controller rebooted during the stream: line {index + 1} \"{lines[index]}\" and the {inFlight.Count - 1} after it were never answered. {e.Message}");
            }

            inFlight.Dequeue();
            window.Acknowledge();
            if (reply.Result is GrblError error)
            {
                await client.StopAfterErrorAsync(inFlight.Select(f => f.Reply), cancellationToken).ConfigureAwait(false);
                throw new GrblErrorException(error.Code, client.Profile.DescribeError(error.Code), lines[index], index + 1);
            }

            linesAcknowledged?.Report(++acknowledged);
        }

        await client.LineOwner.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var i = 0; i < lines.Count; i++)
            {
                while (inFlight.Count > 0 && (mode == StreamingMode.SendAndWait || !window.CanSend(encoded[i].Length)))
                {
                    await AcknowledgeOldestAsync().ConfigureAwait(false);
                }

                ThrowIfRebooted(resetsBefore, i);
                inFlight.Enqueue((i, await client.WriteLineAsync(lines[i], encoded[i], cancellationToken).ConfigureAwait(false)));
                window.Sent(encoded[i].Length);
            }

            while (inFlight.Count > 0)
            {
                await AcknowledgeOldestAsync().ConfigureAwait(false);
            }

            ThrowIfRebooted(resetsBefore, lines.Count);
        }
        finally
        {
            client.LineOwner.Release();
        }

        return new GrblStreamResult(lines.Count, totalBytes, Stopwatch.GetElapsedTime(started), mode);
    }

    /// <summary>A banner between two answers means the controller restarted with nothing pending; the
    /// lines it acknowledged before may not have run, so the stream must not go on.</summary>
    private void ThrowIfRebooted(int resetsBefore, int linesSent)
    {
        if (client.Router.UnexpectedResets != resetsBefore)
        {
            throw new GrblResetException($"The controller rebooted during the stream after {linesSent} lines were sent; what it had buffered was lost.");
        }
    }
}

/// <summary>Figures for one finished stream.</summary>
public sealed record GrblStreamResult(int Lines, long Bytes, TimeSpan Elapsed, StreamingMode Mode)
{
    public double LinesPerSecond => Elapsed > TimeSpan.Zero ? Lines / Elapsed.TotalSeconds : 0;
}
