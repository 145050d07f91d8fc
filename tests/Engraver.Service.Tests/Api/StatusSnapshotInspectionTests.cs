using Engraver.Service.Api;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Records;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>The status built from what the station published: the pins waiting for inspection (from the record,
/// e.g. after crash recovery, or as a pin settles) and the last pin.</summary>
public class StatusSnapshotInspectionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly StationRuntime _runtime = new(TimeProvider.System);

    private StatusSnapshot Build() => new StatusSnapshotBuilder(
        _runtime,
        Microsoft.Extensions.Options.Options.Create(new StationOptions()),
        new QueueStatus(),
        new SimulatedDevices(
            Microsoft.Extensions.Options.Options.Create(new ControllerOptions()),
            Microsoft.Extensions.Options.Options.Create(new CameraOptions()),
            Microsoft.Extensions.Options.Options.Create(new StationIoOptions()))).Build();

    private static PinRecord Waiting(string serial, int minutes) => InMemoryRecordStore.Pin(serial, PinOutcome.NeedsInspection) with
    {
        FinishedAt = Noon.AddMinutes(minutes),
        Reason = $"in flight when the station stopped ({serial})",
        EvidencePath = $"evidence/{serial}.png",
    };

    [Fact]
    public void Several_pins_waiting_show_the_oldest_and_how_many_more_and_the_newest_as_last_pin()
    {
        _runtime.PinSettled(new BatchProgress(1, null, 1, InMemoryRecordStore.Pin("OK0001", PinOutcome.Verified) with { FinishedAt = Noon }));
        _runtime.ShowInspections([Waiting("CR0001", 1), Waiting("CR0002", 2), Waiting("CR0003", 3)]);

        var status = Build();

        Assert.Equal(("CR0001", 2), (status.Inspection!.Serial, status.Inspection.MoreWaiting));
        Assert.Equal("in flight when the station stopped (CR0001)", status.Inspection.Reason);
        Assert.Equal("evidence/CR0001.png", status.Inspection.EvidencePath);
        Assert.Equal(("CR0003", "NeedsInspection"), (status.LastPin!.Serial, status.LastPin.Outcome));
    }

    [Fact]
    public void A_pin_settled_needing_inspection_is_shown_at_once_and_gone_once_the_record_says_it_is_resolved()
    {
        _runtime.PinSettled(new BatchProgress(1, null, 0, Waiting("ES0001", 1)));
        var shown = Build();
        _runtime.ShowInspections([]);
        var resolved = Build();

        Assert.Equal("ES0001", shown.Inspection?.Serial);
        Assert.Equal("ES0001", shown.LastPin?.Serial);
        Assert.Null(resolved.Inspection);
    }
}
