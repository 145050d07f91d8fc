using Engraver.Integration.Tests.Support;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>Every verb exits as the README's "Command line" table says: 0 done, 1 the answer is no, 2 could not
/// run (a usage error among them, told in one line and where to read more, not the whole help).</summary>
public class CommandExitCodeTests(CommandLineScratch scratch) : IClassFixture<CommandLineScratch>
{
    /// <summary>Each verb with an option it does not have: exit 2, the option named, and the verb's help pointed to.</summary>
    public static TheoryData<string> Verbs() =>
    [
        "demo", "preview", "decode", "stream", "sim", "statechart", "job submit", "job list", "job pause", "job resume", "job cancel",
        "station release", "audit show", "audit verify", "audit export", "audit report", "audit commands",
        "bench toolpath", "bench vision", "bench streaming", "bench cycle", "bench audit", "bench api-keys", "api hash-key", "test-grid",
    ];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task An_unknown_option_is_one_line_and_the_verbs_help_exit_2(string verb)
    {
        var run = await EngraverProcess.RunPipedAsync([.. verb.Split(' '), "--no-such-option"]);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}");
        Assert.Contains("'--no-such-option'", run.StandardError, StringComparison.Ordinal);
        Assert.EndsWith($"see `engraver {verb} --help`", run.StandardError.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, run.StandardError.TrimEnd().Split('\n').Length);
    }

    [Theory]
    [InlineData("preview")]
    [InlineData("decode")]
    [InlineData("stream")]
    [InlineData("statechart")]
    [InlineData("job submit")]
    [InlineData("job pause")]
    [InlineData("job resume")]
    [InlineData("job cancel")]
    [InlineData("station release")]
    [InlineData("audit show")]
    [InlineData("audit")]
    [InlineData("bench")]
    [InlineData("api")]
    [InlineData("")]
    public async Task A_missing_argument_or_verb_exits_2_pointing_to_the_help(string verb)
    {
        var run = await EngraverProcess.RunPipedAsync(verb.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}");
        Assert.EndsWith($"see `{("engraver " + verb).Trim()} --help`", run.StandardError.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(2, run.StandardError.TrimEnd().Split('\n').Length);
        Assert.DoesNotContain("Usage:", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Each verb given a file or a database that is not there, or a value out of its range.</summary>
    public static TheoryData<string, string> CouldNotRun() => new()
    {
        { "decode {missing}/tip.png", "no image at" },
        { "stream --port /dev/null {missing}/job.gcode", "no file" },
        { "stream --port {missing}/tty {dir}/job.csv", "Cannot open serial port" },
        { "preview --make ENGR --model MS1 --serial P0001 --profile {missing}/profile.json --out {dir}/p.svg", "preview:" },
        { "statechart --out {missing}/chart.dot", "does not exist" },
        { "job submit {missing}/job.csv --records {db}", "no job file" },
        { "job list --records {missing}/records.db", "no record database" },
        { "job pause J1 --records {missing}/records.db", "no record database" },
        { "job cancel NO-SUCH-JOB --records {db}", "job cancel:" },
        { "station release station-9 --user qa --records {missing}/records.db", "no record database" },
        { "audit show SN1 --records {missing}/records.db", "no record database" },
        { "audit verify --records {missing}/records.db", "no record database" },
        { "audit export --records {missing}/records.db", "no record database" },
        { "audit report --out {dir}/report --records {missing}/records.db", "no record database" },
        { "audit commands --records {missing}/records.db", "no record database" },
        { "api hash-key --key-file {missing}/key.txt", "no key file" },
        { "bench cycle --pins 0", "--pins" },
        { "demo --pins 0", "--pins" },
        { "sim --time-scale -1", "TimeScale" },
        { "decode --bogus", "'--bogus'" },
        { "job list --format xml --records {db}", "'xml'" },
    };

    [Theory]
    [MemberData(nameof(CouldNotRun))]
    public async Task A_verb_that_cannot_run_exits_2_saying_why(string arguments, string said)
    {
        var run = await RunAsync(arguments);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}");
        Assert.Contains(said, run.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    /// <summary>The cheap runs that succeed (0) or answer no (1).</summary>
    public static TheoryData<string, int> Answers() => new()
    {
        { "statechart --out {dir}/chart.dot", 0 },
        { "preview --make ENGR --model MS1 --serial P0001 --out {dir}/p.svg", 0 },
        { "job list --records {db}", 0 },
        { "audit show " + CommandLineScratch.Serial + " --records {db}", 0 },
        { "audit show NO-SUCH-SERIAL --records {db}", 1 },
        { "audit commands --format tsv --records {db}", 0 },
        { "job submit {dir}/bad.csv --records {db}", 1 },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_verb_that_runs_exits_0_or_1_for_no(string arguments, int code)
    {
        await File.WriteAllTextAsync(Path.Combine(scratch.Folder, "bad.csv"), "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,default,B~1\n");

        var run = await RunAsync(arguments);

        Assert.True(run.ExitCode == code, $"exit {run.ExitCode}\n{run.Output}");
    }

    private Task<EngraverRun> RunAsync(string arguments) =>
        EngraverProcess.RunPipedAsync(arguments
            .Replace("{missing}", Path.Combine(scratch.Folder, "missing"), StringComparison.Ordinal)
            .Replace("{dir}", scratch.Folder, StringComparison.Ordinal)
            .Replace("{db}", scratch.Records, StringComparison.Ordinal)
            .Split(' '));
}
