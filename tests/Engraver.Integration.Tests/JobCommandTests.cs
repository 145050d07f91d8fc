using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The job verbs as a user runs them, against an SQLite store in a temp folder.</summary>
public class JobCommandTests
{
    [Fact]
    public async Task Submit_lists_every_problem_with_file_line_and_field_and_queues_nothing()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var file = Path.Combine(folder.Path, "bad.csv");
        await File.WriteAllTextAsync(file, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,default,A000100-A000102\nENGR,MS1,LOT-1,default,A000101\nENGR,MS1,LOT-1,default,B~1\n");

        var (code, output) = await EngraverProcess.RunAsync("job", "submit", file, "--records", records);

        Assert.Equal(1, code);
        Assert.Contains($"{file}:3: serials: serial A000101 is listed twice", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:4: serials:", output, StringComparison.Ordinal);
        Assert.Contains("nothing was queued", output, StringComparison.Ordinal);
        await using var store = await SqliteRecordStore.OpenAsync(records, CancellationToken.None);
        Assert.Empty(await store.Jobs.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Submitted_job_can_be_paused_resumed_and_cancelled_and_its_serials_are_refused_while_it_waits()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var file = Path.Combine(folder.Path, "ok.json");
        await File.WriteAllTextAsync(file, """{"make":"ENGR","model":"MS1","pinLot":"L","recipe":"default","serials":["C0001-C0010"]}""");

        var submit = await EngraverProcess.RunAsync("job", "submit", file, "--id", "J1", "--records", records);
        var again = await EngraverProcess.RunAsync("job", "submit", file, "--id", "J2", "--records", records);
        var pause = await EngraverProcess.RunAsync("job", "pause", "J1", "--user", "bob", "--records", records);
        var resume = await EngraverProcess.RunAsync("job", "resume", "J1", "--records", records);
        var cancel = await EngraverProcess.RunAsync("job", "cancel", "J1", "--records", records);
        var resumeCancelled = await EngraverProcess.RunAsync("job", "resume", "J1", "--records", records);
        var list = await EngraverProcess.RunAsync("job", "list", "--records", records);

        Assert.True(submit.ExitCode == 0, submit.Output);
        Assert.Contains("job J1: 10 serials queued", submit.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("C0001 (job J1)", again.Output, StringComparison.Ordinal);
        Assert.Contains("job J1: Paused", pause.Output, StringComparison.Ordinal);
        Assert.Contains("job J1: Queued", resume.Output, StringComparison.Ordinal);
        Assert.Contains("job J1: Cancelled", cancel.Output, StringComparison.Ordinal);
        Assert.Equal(2, resumeCancelled.ExitCode);
        Assert.Contains("job resume: Job J1 is Cancelled", resumeCancelled.Output, StringComparison.Ordinal);
        Assert.Contains("Cancelled", list.Output, StringComparison.Ordinal);
        await using var store = await SqliteRecordStore.OpenAsync(records, CancellationToken.None);
        Assert.Equal(10, (await store.Jobs.FindAsync("J1", CancellationToken.None))!.Cancelled);
        var commands = new List<(string Command, string User, string Outcome)>();
        await foreach (var row in store.ListCommandsAsync(CancellationToken.None))
        {
            commands.Add((row.Record.Command, row.Record.User, row.Record.Outcome.Split(':')[0]));
        }

        Assert.Equal(["submit-job", "submit-job", "pause-job", "resume-job", "cancel-job", "resume-job"], commands.Select(c => c.Command));
        Assert.Equal(["Accepted", "Refused", "Accepted", "Accepted", "Accepted", "Refused"], commands.Select(c => c.Outcome));
        Assert.Equal("bob", commands[2].User);
        Assert.True((await store.VerifyCommandChainAsync(CancellationToken.None)).Intact);
    }
}
