using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests.Firmware;

/// <summary>The whole station on the real GRBL 1.1h firmware (tools/grbl-peer): `engraver demo --port`
/// connects, checks the settings and the tray against the travel the firmware lists, homes into GRBL's
/// negative machine space, streams every pin, and the camera twin photographs what the firmware executed
/// (its executed-motion log), not what was sent to it.</summary>
[Collection(GrblFirmwareCollection.Name)]
public sealed class FirmwareStationTests
{
    [Fact]
    public async Task A_batch_of_six_pins_on_the_firmware_in_negative_machine_space_is_verified_and_recorded()
    {
        await using var peer = await GrblPeer.StartAsync();
        using var folder = new TempFolder();

        // The firmware peer shares one core of a busy test machine: a status report may wait seconds for it. The
        // link's faults are tried in FirmwareLinkTests; here a slow answer is not a lost link.
        var slowPeer = new Dictionary<string, string> { ["ENGRAVER_Controller__ResponseTimeoutMs"] = "15000" };
        var (exitCode, output) = await EngraverProcess.RunAsync(slowPeer, "demo", "--pins", "6", "--port", peer.PortPath, "--data", folder.Path);

        Assert.True(exitCode == 0, output);
        var recordsPath = Path.Combine(folder.Path, "records.db");
        Assert.Contains($"demo: 6/6 verified, records in {recordsPath}", output, StringComparison.Ordinal);
        await using var store = await SqliteRecordStore.OpenAsync(recordsPath, CancellationToken.None);
        var verified = (await store.ListPinsAsync(CancellationToken.None)).Select(p => p.Record).Where(p => p.Outcome == PinOutcome.Verified).ToList();
        Assert.Equal(6, verified.Select(p => p.Serial).Distinct(StringComparer.Ordinal).Count());
        Assert.All(verified, p => Assert.StartsWith("Grbl 1.1h", p.FirmwareBanner, StringComparison.Ordinal));
        Assert.All(verified, p => Assert.Equal("controller, camera, io", p.SimulatedDevices));
        Assert.True((await store.VerifyChainAsync(CancellationToken.None)).Intact);

        // The marks were burned where GRBL's homed machine space is: below zero on X and Y.
        var burnedAt = peer.ExecutedLines().Select(ParseXy).Where(p => p is not null).Select(p => p!.Value).ToList();
        Assert.Contains(burnedAt, p => p.Pwm > 0);
        Assert.All(burnedAt.Where(p => p.Pwm > 0), p => Assert.True(p.X < 0 && p.Y < 0, $"laser on at X{p.X} Y{p.Y} steps"));
    }

    private static (long X, long Y, int Pwm)? ParseXy(string line) =>
        Engraver.Simulator.Laser.ExecutedSample.TryParse(line, out var sample) ? (sample.XSteps, sample.YSteps, sample.Pwm) : null;
}
