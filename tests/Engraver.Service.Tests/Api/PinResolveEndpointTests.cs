using System.Net;
using System.Net.Http.Json;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Records;
using Xunit;

namespace Engraver.Service.Tests.Api;

public class PinResolveEndpointTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    private static readonly object VerifiedAfterLook = new { outcome = "Verified", note = "mark read under the microscope" };

    [Fact]
    public async Task A_supervisor_resolving_appends_the_pin_record_and_a_command_record_with_the_user()
    {
        await service.Records.AppendPinAsync(InMemoryRecordStore.Pin("SN-RES-1", PinOutcome.NeedsInspection) with { Attempt = 2 }, CancellationToken.None);

        using var response = await service.Client(ApiServiceFixture.SupervisorKey).PostAsJsonAsync("/api/pins/SN-RES-1/resolve", VerifiedAfterLook);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var latest = (await service.Records.FindBySerialAsync("SN-RES-1", CancellationToken.None)).OrderBy(r => r.Sequence).Last().Record;
        Assert.Equal(PinOutcome.Verified, latest.Outcome);
        Assert.Equal(2, latest.Attempt);
        Assert.Equal("resolved by sue after inspection: mark read under the microscope", latest.Reason);
        var command = (await service.CommandsAsync()).Last(c => c.Record.Command == "resolve-pin").Record;
        Assert.Equal(("sue", "Supervisor", "Accepted"), (command.User, command.Role, command.Outcome));
        Assert.Contains("\"serial\":\"SN-RES-1\"", command.Arguments, StringComparison.Ordinal);
        Assert.Equal("SN-RES-1", (await service.StatusAsync()).LastPin?.Serial);
    }

    [Fact]
    public async Task Resolving_a_pin_made_with_simulated_devices_appends_a_row_that_still_names_them()
    {
        await service.Records.AppendPinAsync(InMemoryRecordStore.Pin("SN-RES-5", PinOutcome.NeedsInspection) with { SimulatedDevices = "camera, io" }, CancellationToken.None);

        using var response = await service.Client(ApiServiceFixture.SupervisorKey).PostAsJsonAsync("/api/pins/SN-RES-5/resolve", VerifiedAfterLook);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = (await service.Records.FindBySerialAsync("SN-RES-5", CancellationToken.None)).OrderBy(r => r.Sequence).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("camera, io", history[^1].Record.SimulatedDevices);
    }

    [Fact]
    public async Task An_operator_resolving_is_403_and_the_pin_still_needs_inspection_and_nothing_is_recorded()
    {
        await service.Records.AppendPinAsync(InMemoryRecordStore.Pin("SN-RES-2", PinOutcome.NeedsInspection), CancellationToken.None);
        var commandsBefore = (await service.CommandsAsync()).Count;

        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsJsonAsync("/api/pins/SN-RES-2/resolve", VerifiedAfterLook);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var history = await service.Records.FindBySerialAsync("SN-RES-2", CancellationToken.None);
        Assert.Equal(PinOutcome.NeedsInspection, Assert.Single(history).Record.Outcome);
        Assert.Equal(commandsBefore, (await service.CommandsAsync()).Count);
    }

    [Fact]
    public async Task Resolving_a_serial_whose_latest_record_is_not_needs_inspection_is_409()
    {
        await service.Records.AppendPinAsync(InMemoryRecordStore.Pin("SN-RES-3", PinOutcome.Rejected), CancellationToken.None);

        using var response = await service.Client(ApiServiceFixture.SupervisorKey).PostAsJsonAsync("/api/pins/SN-RES-3/resolve", VerifiedAfterLook);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Single(await service.Records.FindBySerialAsync("SN-RES-3", CancellationToken.None));
        Assert.StartsWith("Refused: ", (await service.CommandsAsync()).Last(c => c.Record.Command == "resolve-pin").Record.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolution_without_a_note_is_400_and_changes_nothing()
    {
        await service.Records.AppendPinAsync(InMemoryRecordStore.Pin("SN-RES-4", PinOutcome.NeedsInspection), CancellationToken.None);

        using var response = await service.Client(ApiServiceFixture.SupervisorKey).PostAsJsonAsync("/api/pins/SN-RES-4/resolve", new { outcome = "Verified" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await service.Records.FindBySerialAsync("SN-RES-4", CancellationToken.None));
    }
}
