using System.Net;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Anchoring;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>The service signs what it appends and says so: a key made at first start (owner-only), every
/// checkpoint in the checkpoint file and in the service's log, where the system journal keeps it; a log export
/// checks the store like the checkpoint file does. Runs alone, as it reads the service's log.</summary>
[Collection(AloneCollection.Name)]
public sealed class CheckpointLogTests
{
    [Fact]
    public async Task Service_makes_its_signing_key_and_logs_every_checkpoint_which_verifies_the_store()
    {
        await using var service = await ApiServiceFixture.With(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" }).StartedAsync();
        using (var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/pause", null))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var publicKey = Path.Combine(service.DataFolder, "keys", "records-signing.pub.pem");
        var logged = service.LogLines().Where(l => l.Contains(Checkpoint.Marker, StringComparison.Ordinal)).ToList();
        var commands = 0L;
        await foreach (var _ in service.Records.ListCommandsAsync(CancellationToken.None))
        {
            commands++;
        }

        using var trusted = TrustedKeys.FromFiles([publicKey]);
        var result = await AnchorVerifier.VerifyAsync(service.Records, new Dictionary<string, long> { [Checkpoint.Commands] = commands },
            trusted, Directory.GetFiles(service.LogFolder), CancellationToken.None);

        Assert.True(commands >= 3, $"{commands} commands");
        Assert.Equal(commands, logged.Count);
        Assert.Contains(service.LogLines(), l => l.Contains("Records are signed with key", StringComparison.Ordinal));
        Assert.False(result.Tampered, string.Join('\n', result.Findings.Select(f => f.Message)));
        Assert.Contains(result.Findings, f => f.Message.StartsWith($"command log: matches the latest checkpoint in the files", StringComparison.Ordinal)
            && f.Message.Contains($"{commands} rows", StringComparison.Ordinal));
        Assert.Equal(commands, CheckpointFile.Read(Path.Combine(service.DataFolder, "checkpoints.log")).Count());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(service.DataFolder, "keys", "records-signing.pem")));
        }
    }
}
