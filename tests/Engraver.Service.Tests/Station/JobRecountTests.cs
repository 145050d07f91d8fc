using Engraver.Service.Station;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>The job on screen follows the serials that settle: a job submitted just after the queue was last looked
/// at comes on screen with its first settled serial, and a running job shown is not pushed aside by another's.</summary>
public sealed class JobRecountTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engraver-recount-" + Guid.NewGuid().ToString("N"));
    private readonly StationRuntime _runtime = new(TimeProvider.System);
    private SqliteRecordStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _store = await SqliteRecordStore.OpenAsync(Path.Combine(_folder, "records.db"), CancellationToken.None);
        await _store.Jobs.SubmitAsync(Job("J1", "A0001"), CancellationToken.None);
        await _store.Jobs.SubmitAsync(Job("J2", "B0001"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_serial_settling_with_no_job_on_screen_brings_its_job_on_screen()
    {
        using var recount = new JobRecount(_store.Jobs, _runtime, NullLogger.Instance);

        recount.Request("J1");

        await WaitAsync(() => _runtime.View().Job?.JobId == "J1", "job J1 on screen");
    }

    [Fact]
    public async Task A_serial_of_another_job_does_not_replace_the_job_shown_while_it_runs()
    {
        _runtime.ShowJob(await _store.Jobs.FindAsync("J1", CancellationToken.None));
        using var recount = new JobRecount(_store.Jobs, _runtime, NullLogger.Instance);

        recount.Request("J2");
        recount.Request("J1");

        await WaitAsync(() => _runtime.View().Job is { JobId: "J1" }, "job J1 still on screen");
        await Task.Delay(200);
        Assert.Equal("J1", _runtime.View().Job?.JobId);
    }

    private static Task WaitAsync(Func<bool> condition, string what) =>
        Support.ApiServiceFixture.WaitUntilAsync(condition, what, TimeSpan.FromSeconds(10));

    private static JobSubmission Job(string id, params string[] serials) =>
        new(id, "ENGR", "MS1", "LOT-1", "default", serials, $"{id}.csv", "alice", DateTimeOffset.UtcNow);
}
