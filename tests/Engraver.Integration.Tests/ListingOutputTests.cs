using System.Text.Json;
using System.Text.RegularExpressions;
using Engraver.Integration.Tests.Support;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The listing verbs written into a pipe, as a script reads them: ids, hashes and paths come back whole in
/// every format (table, tsv, json).</summary>
public partial class ListingOutputTests(CommandLineScratch scratch) : IClassFixture<CommandLineScratch>
{
    [Fact]
    public async Task A_piped_job_list_table_keeps_the_job_id_on_one_line()
    {
        var run = await EngraverProcess.RunPipedAsync("job", "list", "--records", scratch.Records);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(run.StandardOutput.Split('\n'), line => line.Contains(CommandLineScratch.JobId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Job_list_as_tsv_has_a_header_and_one_line_per_job()
    {
        var run = await EngraverProcess.RunPipedAsync("job", "list", "--format", "tsv", "--records", scratch.Records);

        Assert.True(run.ExitCode == 0, run.Output);
        var lines = run.StandardOutput.TrimEnd('\n').Split('\n');
        var header = lines[0].Split('\t');
        var job = lines.Skip(1).Select(l => l.Split('\t')).Single();
        Assert.Equal(header.Length, job.Length);
        Assert.Equal(CommandLineScratch.JobId, job[Array.IndexOf(header, "job")]);
        Assert.Equal("3", job[Array.IndexOf(header, "serials")]);
    }

    [Fact]
    public async Task Job_list_as_json_reads_back_as_objects()
    {
        var run = await EngraverProcess.RunPipedAsync("job", "list", "--format", "json", "--records", scratch.Records);

        Assert.True(run.ExitCode == 0, run.Output);
        var job = Assert.Single(JsonSerializer.Deserialize<JsonElement[]>(run.StandardOutput)!);
        Assert.Equal(CommandLineScratch.JobId, job.GetProperty("job").GetString());
    }

    [Fact]
    public async Task A_piped_audit_show_table_keeps_hashes_paths_and_ids_on_one_line()
    {
        var run = await EngraverProcess.RunPipedAsync("audit", "show", CommandLineScratch.Serial, "--records", scratch.Records);

        Assert.True(run.ExitCode == 0, run.Output);
        var lines = run.StandardOutput.Split('\n');
        foreach (var pin in scratch.Pins)
        {
            Assert.Contains(lines, l => l.Contains(pin.Hash, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(pin.Record.EvidencePath!, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(pin.Record.EvidenceSha256!, StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.Contains(CommandLineScratch.JobId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_show_as_tsv_gives_one_row_per_record_with_whole_hashes_and_the_summary_apart()
    {
        var run = await EngraverProcess.RunPipedAsync("audit", "show", CommandLineScratch.Serial, "--format", "tsv", "--records", scratch.Records);

        Assert.True(run.ExitCode == 0, run.Output);
        var lines = run.StandardOutput.TrimEnd('\n').Split('\n');
        var header = lines[0].Split('\t');
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(scratch.Pins.Count, rows.Count);
        Assert.Equal(scratch.Pins.Select(p => p.Hash), rows.Select(r => r[Array.IndexOf(header, "hash")]));
        Assert.All(rows, r => Assert.Matches(Sha256(), r[Array.IndexOf(header, "evidenceSha256")]));
        Assert.Contains("2 record(s)", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_show_as_json_reads_back_every_field()
    {
        var run = await EngraverProcess.RunPipedAsync("audit", "show", CommandLineScratch.Serial, "--format", "json", "--records", scratch.Records);

        Assert.True(run.ExitCode == 0, run.Output);
        var records = JsonSerializer.Deserialize<JsonElement[]>(run.StandardOutput)!;
        Assert.Equal(scratch.Pins.Select(p => p.Hash), records.Select(r => r.GetProperty("hash").GetString()));
        Assert.Equal(scratch.Pins.Select(p => p.Record.JobId), records.Select(r => r.GetProperty("job").GetString()));
    }

    [Fact]
    public async Task Audit_commands_as_tsv_lists_the_job_submitted_on_one_line()
    {
        var run = await EngraverProcess.RunPipedAsync("audit", "commands", "--format", "tsv", "--records", scratch.Records);

        Assert.True(run.ExitCode == 0, run.Output);
        var lines = run.StandardOutput.TrimEnd('\n').Split('\n');
        Assert.StartsWith("sequence\tat\tuser\trole\tcommand\targuments\toutcome\tstation", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines.Skip(1), l => l.Contains("submit-job", StringComparison.Ordinal) && l.Contains(CommandLineScratch.JobId, StringComparison.Ordinal));
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
