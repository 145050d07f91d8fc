using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests.Support;

/// <summary>A folder with a record database the command line tests read: one job submitted through the command
/// line, and two pin records of a serial with long ids, hashes and paths (longer than a table squeezed into 80
/// columns keeps on one line).</summary>
public sealed class CommandLineScratch : IAsyncLifetime
{
    public const string JobId = "J-2026-11-30-line-4-shift-2-lot-LOT-2026-11-000001";
    public const string Serial = "SN-2026-000000000001";

    private readonly TempFolder _folder = new();

    public string Folder => _folder.Path;

    public string Records => Path.Combine(Folder, "records.db");

    /// <summary>A path in the folder that does not exist.</summary>
    public string Missing(string name) => Path.Combine(Folder, "missing", name);

    public IReadOnlyList<StoredPinRecord> Pins { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var job = Path.Combine(Folder, "job.csv");
        await File.WriteAllTextAsync(job, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,default,Q0001-Q0003\n");
        var submitted = await EngraverProcess.RunAsync("job", "submit", job, "--id", JobId, "--records", Records);
        Assert.True(submitted.ExitCode == 0, submitted.Output);
        await using var store = await SqliteRecordStore.OpenAsync(Records, CancellationToken.None);
        await store.AppendPinAsync(Pin(PinOutcome.Rejected, 1), CancellationToken.None);
        await store.AppendPinAsync(Pin(PinOutcome.Verified, 2), CancellationToken.None);
        Pins = await store.FindBySerialAsync(Serial, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private static PinRecord Pin(PinOutcome outcome, int attempt) => new()
    {
        Serial = Serial,
        Make = "ENGR",
        Model = "MS1",
        JobId = JobId,
        Station = "station-line-4-shift-2",
        Operator = "operator-with-a-long-name",
        PinLot = "LOT-2026-11-000001",
        Slot = attempt,
        Attempt = attempt,
        Firmware = "grbl-1.1",
        FirmwareBanner = "Grbl 1.1h ['$' for help]",
        RecipeName = "default",
        PowerFraction = 0.8,
        FeedMmPerMin = 600,
        Passes = 1,
        ToolpathSha256 = new string('a', 63) + attempt,
        EvidencePath = $"/var/lib/engraver/evidence/2026/11/30/{Serial}-{attempt}-{new string('e', 40)}.png",
        EvidenceSha256 = new string('b', 63) + attempt,
        Outcome = outcome,
        Reason = outcome == PinOutcome.Verified ? null : "only 61% of the expected strokes are marked (minimum 90%)",
        StartedAt = DateTimeOffset.UtcNow,
        FinishedAt = DateTimeOffset.UtcNow,
    };
}
