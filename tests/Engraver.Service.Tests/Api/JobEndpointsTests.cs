using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Jobs;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>The job routes on the service running the twin: submitted jobs are engraved from the persisted
/// queue, refused ones leave nothing queued, and every accepted or refused command is in the command log.</summary>
public class JobEndpointsTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    [Fact]
    public async Task A_qa_user_submitting_a_job_is_403_and_nothing_is_queued()
    {
        using var response = await service.Client(ApiServiceFixture.QaKey).PostAsync("/api/jobs?name=a.csv", Csv("Q0001"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(await service.Records.Jobs.ListAsync(CancellationToken.None), j => j.Total == 1 && j.Source == "a.csv");
    }

    [Fact]
    public async Task A_bad_job_file_is_400_naming_file_line_and_field_and_is_recorded_as_refused()
    {
        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/jobs?name=bad.csv", Csv("X0001-X0000"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("bad.csv:2: serials:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var command = (await service.CommandsAsync())[^1].Record;
        Assert.Equal(("submit-job", "alice"), (command.Command, command.User));
        Assert.StartsWith("Refused:", command.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submitted_job_is_engraved_from_the_queue_and_listed_finished()
    {
        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/jobs?name=two.csv", Csv("G0001-G0002"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("jobId").GetString()!;
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Records.Jobs.FindAsync(jobId, CancellationToken.None).GetAwaiter().GetResult()!.State == JobState.Finished, "the job to finish");
        var listed = await service.Client(ApiServiceFixture.QaKey).GetFromJsonAsync<JsonElement>("/api/jobs");
        var job = listed.EnumerateArray().Single(j => j.GetProperty("jobId").GetString() == jobId);
        Assert.Equal(("Finished", 2, 2), (job.GetProperty("state").GetString(), job.GetProperty("total").GetInt32(), job.GetProperty("verified").GetInt32()));
        Assert.Contains(await service.CommandsAsync(), c => c.Record.Command == "submit-job" && c.Record.User == "alice" && c.Record.Outcome == "Accepted");
    }

    [Fact]
    public async Task Cancel_needs_a_supervisor_and_a_finished_job_cannot_be_cancelled()
    {
        var summary = await service.Records.Jobs.SubmitAsync(
            new JobSubmission("J-cancel", "ENGR", "MS1", "L", "default", ["H0001"], "h.csv", "test", DateTimeOffset.UtcNow), CancellationToken.None);
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Records.Jobs.FindAsync(summary.JobId, CancellationToken.None).GetAwaiter().GetResult()!.State == JobState.Finished, "the job to finish");

        using var byOperator = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/jobs/J-cancel/cancel", null);
        using var bySupervisor = await service.Client(ApiServiceFixture.SupervisorKey).PostAsync("/api/jobs/J-cancel/cancel", null);

        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, bySupervisor.StatusCode);
        Assert.Contains("Finished", (await bySupervisor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static StringContent Csv(string serials) =>
        new($"make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,default,{serials}\n", Encoding.UTF8, "text/csv");
}
