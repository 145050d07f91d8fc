using Engraver.Core.Station;
using Engraver.Panel.Api;
using Engraver.Panel.Tests.Support;
using Xunit;

namespace Engraver.Panel.Tests;

public sealed class PanelClientTests : IAsyncLifetime
{
    private FakeEngraverService _service = null!;

    public async Task InitializeAsync() => _service = await FakeEngraverService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Whoami_with_a_known_key_names_the_user_and_role()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.SupervisorKey);

        var result = await client.WhoAmIAsync(CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(new WhoAmI("bob", PanelRole.Supervisor), result.Value);
    }

    [Fact]
    public async Task Whoami_with_a_wrong_key_gives_the_401_problem_to_show()
    {
        using var client = new PanelClient(_service.Url, "not-a-key");

        var result = await client.WhoAmIAsync(CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(401, result.StatusCode);
        Assert.Equal("Unknown API key: Send a configured key in X-Api-Key.", result.Problem!.ToMessage());
    }

    [Fact]
    public async Task Status_reads_every_field_of_the_contract_snapshot()
    {
        _service.Publish(ContractJson.SafetyHoldStatus);
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);

        var status = (await client.GetStatusAsync(CancellationToken.None)).Value!;

        Assert.Equal(StationState.SafetyHold, status.State);
        Assert.Equal(StationState.Engraving, status.HeldFrom);
        Assert.Equal("door open", status.Reason);
        Assert.False(status.Interlocks.DoorClosed);
        Assert.Equal("Hold", status.Controller!.State);
        Assert.Equal(15, status.Controller.BufferFree);
        Assert.Null(status.Job!.EtaSeconds);
        Assert.Equal("characters unreadable", status.LastPin!.Reason);
        var alarm = Assert.Single(status.Alarms);
        Assert.Equal(3, alarm.Id);
        Assert.StartsWith("A limit switch was hit", alarm.Help, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 0, 32, TimeSpan.Zero), status.At);
    }

    [Fact]
    public async Task Jobs_list_reads_the_contract_rows()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.QaKey);

        var jobs = (await client.GetJobsAsync(CancellationToken.None)).Value!;

        var job = Assert.Single(jobs);
        Assert.Equal(("J-1", "Running", 37, "alice"), (job.JobId, job.State, job.Pending, job.SubmittedBy));
    }

    [Fact]
    public async Task Pausing_a_job_posts_to_its_path_with_the_users_key()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);

        var result = await client.PauseJobAsync("J-1", CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(202, result.StatusCode);
        Assert.Equal("alice POST /api/jobs/J-1/pause", Assert.Single(_service.Commands));
    }

    [Fact]
    public async Task Resolving_a_pin_posts_the_outcome_and_the_note()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.SupervisorKey);

        await client.ResolvePinAsync("A000013", "Rejected", "tip chipped", CancellationToken.None);

        Assert.Equal(
            """bob POST /api/pins/A000013/resolve application/json; charset=utf-8 {"outcome":"Rejected","note":"tip chipped"}""",
            Assert.Single(_service.Commands));
    }

    [Fact]
    public async Task Submitting_a_job_file_sends_its_text_name_and_type()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);

        var result = await client.SubmitJobAsync("batch 7.csv", "make,model,serial\nACME,M1,A000001\n", CancellationToken.None);

        Assert.Equal("J-2", result.Value!.JobId);
        Assert.Equal(
            "alice POST /api/jobs?name=batch%207.csv text/csv; charset=utf-8 make,model,serial\nACME,M1,A000001",
            Assert.Single(_service.Commands));
    }

    [Fact]
    public async Task A_command_the_station_refuses_gives_the_409_problem_naming_why()
    {
        _service.HomeRefusal = "door open";
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);

        var result = await client.HomeAsync(CancellationToken.None);

        Assert.Equal(409, result.StatusCode);
        Assert.Equal("The station refuses: door open", result.Problem!.ToMessage());
        Assert.Empty(_service.Commands);
    }

    [Fact]
    public async Task A_service_that_is_not_running_is_a_problem_not_an_exception()
    {
        var url = _service.Url;
        await _service.StopAsync();
        using var client = new PanelClient(url, FakeEngraverService.OperatorKey);

        var result = await client.WhoAmIAsync(CancellationToken.None);

        Assert.Equal(0, result.StatusCode);
        Assert.StartsWith($"Cannot reach the service at {url}", result.Problem!.ToMessage(), StringComparison.Ordinal);
    }
}
