using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Engraver.Core.Input;
using Engraver.Service.Api;
using Engraver.Service.Options;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>Input that cannot hurt: free text checked at the door, one resolution per pin, and every
/// authorised call in the command log whatever happens to it.</summary>
public class InputAtTheDoorTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    [Fact]
    public async Task A_nul_in_a_resolve_note_is_400_naming_the_field_and_the_refusal_is_in_the_command_log()
    {
        await service.Records.AppendPinAsync(InMemoryRecordStore.Pin("SN-DOOR-1", PinOutcome.NeedsInspection), CancellationToken.None);

        using var response = await service.Client(ApiServiceFixture.SupervisorKey).PostAsJsonAsync(
            "/api/pins/SN-DOOR-1/resolve", new { outcome = "Verified", note = "looks\0 fine" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal("note holds the NUL character U+0000 at character 6; only printable text is allowed (tabs and line feeds too)", detail);
        Assert.Single(await service.Records.FindBySerialAsync("SN-DOOR-1", CancellationToken.None));
        var command = (await service.CommandsAsync()).Last(c => c.Record.Command == "resolve-pin").Record;
        Assert.Equal(("sue", "Refused: " + detail), (command.User, command.Outcome));
        Assert.Contains("looks\\\\u0000 fine", command.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_over_its_limit_is_400()
    {
        await service.Records.AppendPinAsync(InMemoryRecordStore.Pin("SN-DOOR-2", PinOutcome.NeedsInspection), CancellationToken.None);

        using var response = await service.Client(ApiServiceFixture.SupervisorKey).PostAsJsonAsync(
            "/api/pins/SN-DOOR-2/resolve", new { outcome = "Rejected", note = new string('n', InputLimits.MaxNoteLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await service.Records.FindBySerialAsync("SN-DOOR-2", CancellationToken.None));
    }

    [Fact]
    public async Task Twenty_concurrent_resolves_of_one_pin_accept_exactly_one_and_refuse_nineteen_with_409()
    {
        await service.Records.AppendPinAsync(InMemoryRecordStore.Pin("SN-DOOR-3", PinOutcome.NeedsInspection), CancellationToken.None);
        var client = service.Client(ApiServiceFixture.SupervisorKey);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.PostAsJsonAsync(
            "/api/pins/SN-DOOR-3/resolve", new { outcome = i % 2 == 0 ? "Verified" : "Rejected", note = $"look {i}" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(2, (await service.Records.FindBySerialAsync("SN-DOOR-3", CancellationToken.None)).Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_job_whose_pin_lot_holds_a_nul_is_400_naming_file_line_and_field_and_nothing_is_queued()
    {
        var jobsBefore = (await service.Records.Jobs.ListAsync(CancellationToken.None)).Count;

        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/jobs?name=nul.csv",
            new StringContent("make,model,pin_lot,recipe,serials\nENGR,MS1,LOT\0-1,default,D0001\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("nul.csv:2: pin_lot: holds the NUL character U+0000 at character 4", detail, StringComparison.Ordinal);
        Assert.Equal(jobsBefore, (await service.Records.Jobs.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_job_body_over_the_limit_is_413_naming_the_limit()
    {
        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/jobs?name=big.csv",
            new ByteArrayContent(new byte[InputLimits.MaxJobFileBytes + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("big.csv:1: file: is larger than the job file limit of 16777216 bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_error_in_an_authorised_command_is_logged_as_failed_with_its_type_and_answered_500()
    {
        var runner = new ApiCommandRunner(service.Runtime, Microsoft.Extensions.Options.Options.Create(new StationOptions()), NullLogger<ApiCommandRunner>.Instance);
        var caller = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "sue"), new Claim(ClaimTypes.Role, "Supervisor")], "test"));

        var result = await runner.RunAsync(caller, "boom", "{}", _ => throw new InvalidDataException("secret=hunter2 at /etc/x"), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status500InternalServerError, problem.StatusCode);
        Assert.DoesNotContain("hunter2", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        var command = (await service.CommandsAsync()).Last(c => c.Record.Command == "boom").Record;
        Assert.Equal(("sue", "Failed: unexpected error: InvalidDataException"), (command.User, command.Outcome));
    }
}
