using Engraver.Core.Station;
using Engraver.Service.Station;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Records;
using Xunit;

namespace Engraver.Service.Tests.Station;

public class InspectionResolverTests
{
    private readonly InMemoryRecordStore _records = new();

    private static async Task<LoopStation> StationNeedingInspectionAsync()
    {
        var station = await LoopStation.StartAsync();
        foreach (var trigger in new[] { StationTrigger.Connect, StationTrigger.Connected, StationTrigger.Home, StationTrigger.Homed, StationTrigger.Start, StationTrigger.StartPin, StationTrigger.OutcomeUnknown })
        {
            await station.Loop.FireAsync(trigger, CancellationToken.None);
        }

        return station;
    }

    [Fact]
    public async Task Scrapping_appends_a_rejected_row_naming_the_operator_and_frees_the_station()
    {
        await using var station = await StationNeedingInspectionAsync();
        await _records.AppendPinAsync(InMemoryRecordStore.Pin("SN0001", PinOutcome.NeedsInspection), CancellationToken.None);
        var resolver = new InspectionResolver(_records, station.Loop, TimeProvider.System);

        var row = await resolver.ResolveAsync("SN0001", InspectionDecision.Scrap, "qa-lead", "half the gear code missing", CancellationToken.None);

        Assert.Equal(PinOutcome.Rejected, row.Outcome);
        Assert.Equal("scrapped by qa-lead after inspection: half the gear code missing", row.Reason);
        Assert.Equal(4, row.Slot);
        Assert.Equal(2, (await _records.FindBySerialAsync("SN0001", CancellationToken.None)).Count);
        Assert.Equal(StationState.Idle, station.Machine.State);
        Assert.False(station.Machine.HomedSinceReset);
    }

    [Fact]
    public async Task Accepting_after_a_manual_check_appends_a_verified_row()
    {
        await using var station = await StationNeedingInspectionAsync();
        await _records.AppendPinAsync(InMemoryRecordStore.Pin("SN0002", PinOutcome.NeedsInspection), CancellationToken.None);
        var resolver = new InspectionResolver(_records, station.Loop, TimeProvider.System);

        var row = await resolver.ResolveAsync("SN0002", InspectionDecision.AcceptAfterManualCheck, "qa-lead", "mark complete under the microscope", CancellationToken.None);

        Assert.Equal(PinOutcome.Verified, row.Outcome);
        Assert.StartsWith("accepted by qa-lead after a manual check", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolving_a_pin_made_with_simulated_devices_keeps_them_in_the_new_row()
    {
        await using var station = await StationNeedingInspectionAsync();
        await _records.AppendPinAsync(InMemoryRecordStore.Pin("SN0004", PinOutcome.NeedsInspection) with { SimulatedDevices = "controller, camera, io" }, CancellationToken.None);
        var resolver = new InspectionResolver(_records, station.Loop, TimeProvider.System);

        var row = await resolver.ResolveAsync("SN0004", InspectionDecision.AcceptAfterManualCheck, "qa-lead", "mark complete", CancellationToken.None);

        Assert.Equal("controller, camera, io", row.SimulatedDevices);
        var latest = (await _records.FindBySerialAsync("SN0004", CancellationToken.None)).OrderBy(r => r.Sequence).Last().Record;
        Assert.Equal("controller, camera, io", latest.SimulatedDevices);
    }

    [Fact]
    public async Task A_serial_without_an_open_inspection_is_refused()
    {
        await using var station = await LoopStation.StartAsync();
        await _records.AppendPinAsync(InMemoryRecordStore.Pin("SN0003", PinOutcome.Verified), CancellationToken.None);
        var resolver = new InspectionResolver(_records, station.Loop, TimeProvider.System);

        var refused = await Assert.ThrowsAsync<NoInspectionWaitingException>(() =>
            resolver.ResolveAsync("SN0003", InspectionDecision.Scrap, "qa-lead", "no reason", CancellationToken.None));

        Assert.Contains("SN0003 has no pin waiting for inspection", refused.Message, StringComparison.Ordinal);
    }
}
