using Engraver.Integration.Tests.Support;
using Engraver.Simulator.Camera.Conditions;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;
using OpenCvSharp;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver qa casings`: the test-fire legibility check on casing photographs (mirror images of the pin),
/// two of them partial strikes with 40% of the ring unstruck, recorded beside the pin's record in the signed log.</summary>
public class QaCasingsTests
{
    private static readonly string Serial = ConditionCorpus.Identity.Serial;

    [Fact]
    public async Task Four_casings_two_of_them_partial_strikes_each_read_the_serial_and_the_result_is_recorded()
    {
        using var folder = new TempFolder();
        var records = await SignedStoreWithPinAsync(folder.Path, Serial);
        string[] casings =
        [
            Casing(folder.Path, "first.png", "clean", 1),
            Casing(folder.Path, "second.png", "40% unstruck, bare metal", 2),
            Casing(folder.Path, "third.png", "40% unstruck, bare metal", 3),
            Casing(folder.Path, "last.png", "clean", 4),
        ];

        var (exit, output) = await EngraverProcess.RunAsync(["qa", "casings", "--serial", Serial, "--user", "quinn", "--records", records, .. casings]);
        var (showExit, show) = await EngraverProcess.RunAsync("audit", "show", Serial, "--records", records);
        var (verifyExit, verify) = await EngraverProcess.RunAsync("audit", "verify", "--records", records);

        Assert.True(exit == 0, output);
        Assert.Contains($"casing 2 (second.png): serial {Serial} read", output, StringComparison.Ordinal);
        Assert.Contains($"4 of 4 casings read serial {Serial} on their own; all together: serial {Serial}", output, StringComparison.Ordinal);
        Assert.Contains("qa casings: passed; recorded as command log row 1, beside pin record #1", output, StringComparison.Ordinal);
        Assert.True(showExit == 0, show);
        Assert.True(show.Contains("QA test fire (command log row 1", StringComparison.Ordinal), show);
        Assert.True(show.Contains("quinn): 4 of 4 casings read the serial on their own, read together: true; pin record #1", StringComparison.Ordinal), show);
        Assert.True(verifyExit == 0, verify);
        Assert.Contains("command log: signed: all 1 rows covered", verify, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_serial_without_a_pin_record_is_refused_and_nothing_is_recorded()
    {
        using var folder = new TempFolder();
        var records = await SignedStoreWithPinAsync(folder.Path, "OTHER1");
        var casing = Casing(folder.Path, "first.png", "clean", 1);

        var (exit, output) = await EngraverProcess.RunAsync("qa", "casings", "--serial", Serial, "--records", records, casing);
        var (_, commands) = await EngraverProcess.RunAsync("audit", "commands", "--records", records, "--format", "json");

        Assert.True(exit == 2, output);
        Assert.Contains($"no pin record of serial {Serial}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("qa-casings", commands, StringComparison.Ordinal);
    }

    private static async Task<string> SignedStoreWithPinAsync(string folder, string serial)
    {
        var options = new RecordStoreOptions { Path = Path.Combine(folder, "records.db") };
        var (store, _) = await RecordStoreFactory.OpenForWritingAsync(options, folder, [], null, CancellationToken.None);
        await using (store)
        {
            await store.AppendPinAsync(new PinRecord
            {
                Serial = serial, Make = "ENGR", Model = "MS1", JobId = "J1", Station = "st-1", Operator = "alice", PinLot = "LOT-1",
                Slot = 0, Attempt = 1, Firmware = "grbl-1.1", FirmwareBanner = "Grbl 1.1h", RecipeName = "default", PowerFraction = 0.8,
                FeedMmPerMin = 600, Passes = 1, ToolpathSha256 = new string('a', 64), Outcome = PinOutcome.Verified,
                StartedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow,
            }, CancellationToken.None);
        }

        return options.Path;
    }

    /// <summary>A casing's firing-pin impression: the pin's face as the twin photographs it under the condition,
    /// mirrored left to right, as a firing pin leaves it in the primer.</summary>
    private static string Casing(string folder, string name, string condition, int seed)
    {
        using var frame = ConditionCorpus.Make(condition, "twin", seed);
        Cv2.Flip(frame.Image, frame.Image, FlipMode.Y);
        var path = Path.Combine(folder, name);
        Assert.True(Cv2.ImWrite(path, frame.Image));
        return path;
    }
}
