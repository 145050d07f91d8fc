using System.Text.Json;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

public class EventStreamTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    [Fact]
    public async Task The_stream_sends_a_status_event_on_connect()
    {
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        using var response = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var eventLine = await reader.ReadLineAsync();
        var dataLine = await reader.ReadLineAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("event: status", eventLine);
        Assert.StartsWith("data: ", dataLine, StringComparison.Ordinal);
        using var status = JsonDocument.Parse(dataLine!["data: ".Length..]);
        Assert.Equal("station-1", status.RootElement.GetProperty("station").GetString());
        Assert.Equal("Idle", status.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_change_is_sent_as_a_new_status_event()
    {
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        using var response = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await reader.ReadLineAsync();
        await reader.ReadLineAsync();

        using (await client.PostAsync("/api/station/pause", null))
        {
        }

        var states = new List<string?>();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (states.LastOrDefault() != "Paused" && await reader.ReadLineAsync(giveUp.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    states.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("state").GetString());
                }
            }
        }
        finally
        {
            using (await client.PostAsync("/api/station/resume", null))
            {
            }
        }

        Assert.Equal("Paused", states.Last());
    }
}
