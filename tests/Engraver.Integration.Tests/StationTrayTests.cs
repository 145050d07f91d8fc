using System.Diagnostics;
using System.Globalization;
using Engraver.Core.Station;
using Engraver.Hardware.Gpio;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Jobs;
using Engraver.Service.Station;
using Engraver.Simulator.Laser;
using Engraver.Traceability.Records;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Integration.Tests;

/// <summary>A full tray on the twin with the three things that go wrong on a line: the door opened
/// mid-engrave, a controller alarm, and a pulled serial cable.</summary>
public class StationTrayTests(ITestOutputHelper output)
{
    private const double TimeScale = 0.05;

    [Fact]
    public async Task A_tray_with_a_door_opening_an_alarm_and_a_pulled_cable_ends_every_serial_once_with_a_reason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var token = timeout.Token;
        // Two spare slots: the pin the door interrupted may be rejected (the interlock cuts the beam a few
        // milliseconds before the controller stops, which at this time scale leaves a visible gap) and retried.
        await using var station = await StationHarness.StartAsync(token, rows: 2, columns: 7, timeScale: TimeScale);
        var serials = Enumerable.Range(1, 12).Select(i => string.Create(CultureInfo.InvariantCulture, $"TRAY{i:D4}")).ToArray();
        var door = new DoorScript(station);
        var pinsStarted = 0;
        station.Loop.Transitioned += t =>
        {
            if (t.To != StationState.Engraving || t.From != StationState.Focusing)
            {
                return;
            }

            switch (++pinsStarted)
            {
                case 3:
                    door.OpenOnceBurning(token);
                    break;
                case 6:
                    station.Rig.Simulator!.Faults.AlarmAtLine(station.Rig.Simulator.LinesReceived + 12);
                    break;
            }
        };

        // Run 1: the door opens at pin 3 (the job holds, then resumes); the alarm at pin 6 stops it.
        var first = await station.Runner.RunAsync(Job("tray-1", serials), progress: null, token);
        await door.Finished;
        Assert.Contains("needs inspection", first.StoppedBecause, StringComparison.Ordinal);
        Assert.Equal(PinOutcome.NeedsInspection, first.Pins[^1].Outcome);
        var alarmed = first.Pins[^1].Serial;
        Assert.Contains("alarm", first.Pins[^1].Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StationState.Alarm, station.Machine.State);
        Assert.False(station.Wiring.IsOn(StationOutput.LaserEnable));
        var resolver = new InspectionResolver(station.Rig.Records, station.Loop, TimeProvider.System);
        await resolver.ResolveAsync(alarmed, InspectionDecision.Scrap, "tester", "partial mark after a hard-limit alarm", token);
        await station.UnlockAndHomeAsync(token);

        // Run 2: the cable is pulled while the third pin of this run burns.
        var second = serials.Except(first.Pins.Select(p => p.Serial)).ToArray();
        var run2Started = 0;
        station.Loop.Transitioned += t =>
        {
            if (t.To == StationState.Engraving && t.From == StationState.Focusing && ++run2Started == 3)
            {
                UnplugOnceBurning(station, token);
            }
        };
        var result2 = await station.Runner.RunAsync(Job("tray-2", second), firstSlot: first.Pins.Max(p => p.Slot) + 1, progress: null, token);
        Assert.Contains("needs inspection", result2.StoppedBecause, StringComparison.Ordinal);
        var unplugged = result2.Pins[^1].Serial;
        Assert.Equal(PinOutcome.NeedsInspection, result2.Pins[^1].Outcome);
        Assert.Equal(StationState.Disconnected, station.Machine.State);
        var firstTwinBurns = station.Rig.Simulator!.TimedBurnLogSnapshot();
        var doorStops = station.Rig.Simulator.DoorStops;
        await resolver.ResolveAsync(unplugged, InspectionDecision.Scrap, "tester", "cable pulled mid-mark", token);
        await station.ReconnectAsync(token);

        // Run 3: the rest, on the last slots of the tray.
        var third = await station.Runner.RunAsync(Job("tray-3", serials.Except(first.Pins.Concat(result2.Pins).Select(p => p.Serial)).ToArray()), firstSlot: result2.Pins.Max(p => p.Slot) + 1, progress: null, token);
        Assert.Null(third.StoppedBecause);

        // Every serial: exactly one verified pin, or its last record failed with a reason.
        var all = await station.Rig.Records.ListPinsAsync(token);
        foreach (var serial in serials)
        {
            var rows = all.Where(r => r.Record.Serial == serial).OrderBy(r => r.Sequence).Select(r => r.Record).ToList();
            Assert.NotEmpty(rows);
            var verified = rows.Count(r => r.Outcome == PinOutcome.Verified);
            if (verified == 0)
            {
                Assert.Contains(rows, r => r.Outcome == PinOutcome.NeedsInspection);
                Assert.False(string.IsNullOrWhiteSpace(rows[^1].Reason), $"{serial} ended without a reason");
            }
            else
            {
                Assert.Equal(1, verified);
                Assert.Equal(PinOutcome.Verified, rows[^1].Outcome);
            }
        }

        Assert.Equal([alarmed, unplugged], serials.Where(s => all.Where(r => r.Record.Serial == s).All(r => r.Record.Outcome != PinOutcome.Verified)));
        Assert.True((await station.Rig.Records.VerifyChainAsync(token)).Intact);
        Assert.All(all.GroupBy(r => r.Record.Slot), slot => Assert.Single(slot.Select(r => r.Record.Attempt + r.Record.Serial).Distinct()));

        // The door: the controller was stopped once while it was open, the relay was off, and nothing burned
        // from the moment it opened until it closed.
        var (opened, closed) = door.OpenInterval;
        var stop = Assert.Single(doorStops);
        Assert.InRange(stop, opened, closed);
        Assert.DoesNotContain(firstTwinBurns, b => b.Ended > opened && b.Started < closed);
        Assert.Contains(firstTwinBurns, b => b.Started >= closed);
        Assert.False(door.LaserEnableWhileOpen);
        output.WriteLine($"door input to controller stop: {Stopwatch.GetElapsedTime(opened, stop).TotalMilliseconds:0.0} ms; door open {Stopwatch.GetElapsedTime(opened, closed).TotalMilliseconds:0} ms");
    }

    private static BatchJob Job(string id, IReadOnlyList<string> serials) => new(id, "ENGR", "MS1", "LOT-1", serials);

    private static void UnplugOnceBurning(StationHarness station, CancellationToken token)
    {
        var simulator = station.Rig.Simulator!;
        var before = simulator.BurnLogSnapshot().Count;
        _ = Task.Run(
            async () =>
            {
                while (simulator.BurnLogSnapshot().Count < before + 5)
                {
                    await Task.Delay(1, token);
                }

                simulator.Unplug();
            },
            token);
    }

    /// <summary>Opens the door once the laser is burning, holds it open, closes it and resumes as the operator would.</summary>
    private sealed class DoorScript(StationHarness station)
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Finished => _finished.Task;

        public (long Opened, long Closed) OpenInterval { get; private set; }

        public bool LaserEnableWhileOpen { get; private set; }

        public void OpenOnceBurning(CancellationToken token) => _ = Task.Run(() => RunAsync(token), token);

        private async Task RunAsync(CancellationToken token)
        {
            try
            {
                var simulator = station.Rig.Simulator!;
                var before = simulator.BurnLogSnapshot().Count;
                while (simulator.BurnLogSnapshot().Count < before + 5)
                {
                    await Task.Delay(1, token);
                }

                var opened = Stopwatch.GetTimestamp();
                station.Wiring.Set(StationInput.DoorClosed, false);
                await station.Loop.SyncAsync(token);
                Assert.Equal(StationState.SafetyHold, station.Machine.State);
                while (!simulator.State.StartsWith("Door", StringComparison.Ordinal))
                {
                    await Task.Delay(1, token);
                }

                await Task.Delay(300, token);
                LaserEnableWhileOpen = station.Wiring.IsOn(StationOutput.LaserEnable);
                await Assert.ThrowsAsync<StationRefusedException>(() => station.Loop.FireAsync(StationTrigger.Resume, token));

                var closed = Stopwatch.GetTimestamp();
                station.Wiring.Set(StationInput.DoorClosed, true);
                while (!station.Loop.Snapshot.Interlocks.DoorClosed)
                {
                    await Task.Delay(1, token);
                    await station.Loop.SyncAsync(token);
                }

                OpenInterval = (opened, closed);
                await station.Loop.FireAsync(StationTrigger.Resume, token);
                _finished.TrySetResult();
            }
            catch (Exception failure)
            {
                _finished.TrySetException(failure);
            }
        }
    }
}
