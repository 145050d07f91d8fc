using System.Text;
using Engraver.Core.Station;
using Engraver.Panel.Api;
using Engraver.Panel.Tests.Support;
using Xunit;

namespace Engraver.Panel.Tests;

public class StatusEventReaderTests
{
    [Fact]
    public async Task Status_events_become_snapshots_and_other_events_are_skipped()
    {
        var text = $"event: status\ndata: {ContractJson.OneLine(ContractJson.EngravingStatus)}\n\n"
            + ": a comment line\n\n"
            + "event: hello\ndata: {\"x\":1}\n\n"
            + $"event: status\ndata: {ContractJson.OneLine(ContractJson.SafetyHoldStatus)}\n\n";

        var states = new List<StationState>();
        await foreach (var snapshot in StatusEventReader.ReadAsync(Stream(text), CancellationToken.None))
        {
            states.Add(snapshot.State);
        }

        Assert.Equal([StationState.Engraving, StationState.SafetyHold], states);
    }

    [Fact]
    public async Task A_status_event_that_is_not_a_status_is_an_error_that_says_so()
    {
        var text = "event: status\ndata: {\"state\": 12\n\n";

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var snapshot in StatusEventReader.ReadAsync(Stream(text), CancellationToken.None))
            {
                Assert.Fail($"Unexpected snapshot {snapshot}");
            }
        });

        Assert.StartsWith("A status event is not a status the panel can read", error.Message, StringComparison.Ordinal);
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
