using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engraver.Service.Api;
using Engraver.Service.Options;

namespace Engraver.Cli.Commands;

/// <summary>`engraver bench api-keys`: what a presented API key costs the service, in processor time: a key seen
/// for the first time (one PBKDF2 derivation per configured user when it is wrong), and a wrong key repeated
/// (a SHA-256 and a lookup), with users hashed as <c>engraver api hash-key</c> hashes them.</summary>
internal static class BenchApiKeysCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "How many users to configure.", DefaultValueFactory = _ => 3 };
        users.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--users must be from 1 to 100.");
            }
        });
        var firstSeen = new Option<int>("--first-seen") { Description = "How many distinct wrong keys to try.", DefaultValueFactory = _ => 10 };
        firstSeen.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--first-seen must be from 1 to 1000.");
            }
        });
        var repeats = new Option<int>("--repeats") { Description = "How many times to repeat one wrong key.", DefaultValueFactory = _ => 100_000 };
        repeats.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--repeats must be from 1 to 10000000.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var command = new Command("api-keys", "Processor time per API key checked: first seen, and a wrong key repeated.") { users, firstSeen, repeats, json };
        command.SetAction(result => Run(result.GetValue(users), result.GetValue(firstSeen), result.GetValue(repeats), result.GetValue(json)));
        return command;
    }

    private static int Run(int userCount, int firstSeenCount, int repeatCount, bool json)
    {
        var options = new ApiOptions
        {
            Users = Enumerable.Range(1, userCount)
                .Select(i => new ApiUserOptions { Id = $"user-{i}", Role = "Operator", KeyHash = ApiKeyHash.Create($"bench-key-{i:D4}").ToString() })
                .ToList(),
        };
        var directory = new ApiUserDirectory(Microsoft.Extensions.Options.Options.Create(options), new ApiKeyMatcher());

        // Processor time rather than wall-clock time: other work may share the cores.
        using var process = Process.GetCurrentProcess();
        var firstSeen = CpuPerCall(process, firstSeenCount, i => directory.Find($"wrong-key-{i:D6}"));
        directory.Find("wrong-key-repeated");
        var repeated = CpuPerCall(process, repeatCount, _ => directory.Find("wrong-key-repeated"));
        directory.Find("bench-key-0001");
        var known = CpuPerCall(process, repeatCount, _ => directory.Find("bench-key-0001"));

        var report = new
        {
            users = userCount,
            pbkdf2_iterations = ApiKeyHash.DefaultIterations,
            first_seen_wrong_keys = firstSeenCount,
            cpu_ms_per_first_seen_wrong_key = Math.Round(firstSeen, 2),
            repeats = repeatCount,
            cpu_ms_per_repeated_wrong_key = Math.Round(repeated, 5),
            cpu_ms_per_known_user_key = Math.Round(known, 5),
            throttle_attempts_per_minute = KeyAttemptThrottle.AttemptsPerWindow,
        };
        Console.WriteLine(json
            ? JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true })
            : string.Create(CultureInfo.InvariantCulture,
                $"{userCount} users: {report.cpu_ms_per_first_seen_wrong_key} ms CPU per first-seen wrong key, {report.cpu_ms_per_repeated_wrong_key} ms per repeated wrong key, {report.cpu_ms_per_known_user_key} ms per known user key"));
        return 0;
    }

    private static double CpuPerCall(Process process, int count, Action<int> call)
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            call(i);
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / count;
    }
}
