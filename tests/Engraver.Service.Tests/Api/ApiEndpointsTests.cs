using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engraver.Core.Station;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>The API over real HTTP on the service running the twin: who may do what, and what it leaves in
/// the command log.</summary>
public class ApiEndpointsTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    [Fact]
    public async Task A_command_without_a_key_is_401_and_changes_nothing()
    {
        var before = (await service.CommandsAsync()).Count;

        using var response = await service.Client(key: null).PostAsync("/api/station/pause", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(StationState.Idle, service.Runtime.Loop!.Snapshot.State);
        Assert.Equal(before, (await service.CommandsAsync()).Count);
    }

    [Fact]
    public async Task A_wrong_key_is_401_even_for_reading()
    {
        using var response = await service.Client("not-a-configured-key-0001").GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_unlocking_is_403_naming_the_role_needed_and_records_nothing()
    {
        var before = (await service.CommandsAsync()).Count;

        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/unlock", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Supervisor", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await service.CommandsAsync()).Count);
    }

    [Fact]
    public async Task Whoami_names_the_user_and_role_of_the_key()
    {
        var me = await service.Client(ApiServiceFixture.QaKey).GetFromJsonAsync<JsonElement>("/api/whoami");

        Assert.Equal("quinn", me.GetProperty("user").GetString());
        Assert.Equal("QA", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_accepted_pause_changes_the_state_and_is_recorded_with_the_user_and_role()
    {
        using var operatorClient = service.Client(ApiServiceFixture.OperatorKey);

        using var paused = await operatorClient.PostAsync("/api/station/pause", null);
        var whilePaused = await service.StatusAsync();
        using var resumed = await operatorClient.PostAsync("/api/station/resume", null);

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("Paused", whilePaused.State);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var commands = await service.CommandsAsync();
        var pause = commands.Last(c => c.Record.Command == "pause").Record;
        Assert.Equal(("alice", "Operator", "Accepted"), (pause.User, pause.Role, pause.Outcome));
        Assert.True((await service.Records.VerifyCommandChainAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task A_command_the_station_refuses_is_409_with_the_reason_and_recorded_as_refused()
    {
        using var response = await service.Client(ApiServiceFixture.SupervisorKey).PostAsync("/api/station/unlock", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no alarm", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unlock = (await service.CommandsAsync()).Last(c => c.Record.Command == "unlock").Record;
        Assert.StartsWith("Refused: ", unlock.Outcome, StringComparison.Ordinal);
        Assert.Equal("sue", unlock.User);
    }

    [Fact]
    public async Task Status_shows_the_station_interlocks_and_controller()
    {
        var status = await service.StatusAsync();

        Assert.Equal("station-1", status.Station);
        Assert.True(status.Interlocks.DoorClosed);
        Assert.NotNull(status.Controller);
        Assert.True(status.Controller.Connected);
        Assert.Equal("Idle", status.Controller.State);
        Assert.Equal(-1.0, status.Controller.X); // homed: GRBL's machine space is negative, 1 mm pull-off
        Assert.Equal(15, status.Controller.BufferFree);
    }

    [Fact]
    public async Task An_operator_exporting_the_audit_is_403_and_qa_gets_the_csv()
    {
        using var operatorResponse = await service.Client(ApiServiceFixture.OperatorKey).GetAsync("/api/audit/export");
        using var qaResponse = await service.Client(ApiServiceFixture.QaKey).GetAsync("/api/audit/export?format=csv");

        Assert.Equal(HttpStatusCode.Forbidden, operatorResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, qaResponse.StatusCode);
        Assert.StartsWith("seq,serial,", await qaResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("quinn", (await service.CommandsAsync()).Last(c => c.Record.Command == "audit-export").Record.User);
    }

    [Fact]
    public async Task Health_needs_no_key_and_reports_each_check()
    {
        var health = await service.Client(key: null).GetFromJsonAsync<JsonElement>("/health");

        var names = health.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["controller", "camera", "store", "interlocks", "station", "simulation"], names);
        Assert.Equal("Healthy", health.GetProperty("checks")[2].GetProperty("status").GetString());
        Assert.StartsWith("SIMULATED: controller, camera, io", health.GetProperty("checks")[5].GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
