using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class CheckpointTests
{
    private static readonly string Head = new('c', 64);

    [Fact]
    public void Checkpoint_line_reads_back_equal_also_inside_a_journal_line()
    {
        using var signer = CheckpointSigner.CreateNew();
        var checkpoint = signer.Sign(Checkpoint.Pins, 42, Head, new DateTimeOffset(2026, 11, 30, 4, 5, 6, 789, TimeSpan.Zero));

        var plain = Checkpoint.TryParse(checkpoint.ToLine());
        var journal = Checkpoint.TryParse("Nov 30 04:05:06 host engraver-service[812]: [04:05:06 INF] " + checkpoint.ToLine());

        Assert.Equal(checkpoint, plain!.Value.Checkpoint);
        Assert.Equal(checkpoint, journal!.Value.Checkpoint);
        Assert.Equal(checkpoint, Checkpoint.TryParse($"{{\"@r\":[\"{checkpoint.ToLine()}\"],\"Station\":\"station-1\"}}")!.Value.Checkpoint);
        Assert.Null(Checkpoint.TryParse("[04:05:06 INF] Pin SN-1 verified"));
    }

    [Theory]
    [InlineData("chain=pins records=0 head={H} at=2026-11-30T04:05:06.789Z key=k sig=s", "records '0' is not a positive count")]
    [InlineData("chain=jobs records=1 head={H} at=2026-11-30T04:05:06.789Z key=k sig=s", "chain 'jobs' is not pins or commands")]
    [InlineData("chain=pins records=1 head=abc at=2026-11-30T04:05:06.789Z key=k sig=s", "head is not 64 lowercase hex")]
    [InlineData("chain=pins records=1 head={H} at=yesterday key=k sig=s", "time 'yesterday'")]
    [InlineData("chain=pins records=1 head={H} at=2026-11-30T04:05:06.789Z key=k", "field 6 should be sig")]
    [InlineData("chain=pins chain=pins records=1 head={H} at=2026-11-30T04:05:06.789Z key=k sig=s", "field 2 should be records")]
    public void Malformed_checkpoint_line_says_why(string fields, string problem)
    {
        var parsed = Checkpoint.TryParse(Checkpoint.Marker + fields.Replace("{H}", Head, StringComparison.Ordinal));

        Assert.Null(parsed!.Value.Checkpoint);
        Assert.Contains(problem, parsed.Value.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_verifies_under_its_key_only_and_not_after_any_field_changes()
    {
        using var signer = CheckpointSigner.CreateNew();
        using var other = CheckpointSigner.CreateNew();
        using var trusted = TrustedKeys.Of(signer);
        var checkpoint = signer.Sign(Checkpoint.Commands, 7, Head, DateTimeOffset.UtcNow);

        Assert.Equal(CheckpointTrust.Valid, trusted.Check(checkpoint));
        Assert.Equal(CheckpointTrust.BadSignature, trusted.Check(checkpoint with { Records = 8 }));
        Assert.Equal(CheckpointTrust.BadSignature, trusted.Check(checkpoint with { Head = new string('d', 64) }));
        Assert.Equal(CheckpointTrust.BadSignature, trusted.Check(checkpoint with { At = checkpoint.At.AddSeconds(-1) }));
        Assert.Equal(CheckpointTrust.BadSignature, trusted.Check(checkpoint with { Chain = Checkpoint.Pins }));
        Assert.Equal(CheckpointTrust.BadSignature, trusted.Check(checkpoint with { Signature = "not base64" }));
        Assert.Equal(CheckpointTrust.UnknownKey, trusted.Check(other.Sign(Checkpoint.Commands, 7, Head, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void Signing_key_is_made_owner_only_with_its_public_key_beside_and_reads_back_as_the_same_key()
    {
        using var folder = new TempFolder();
        var path = folder.File("keys/records-signing.pem");

        string keyId;
        using (var made = SigningKeys.LoadOrCreate(path))
        {
            keyId = made.KeyId;
        }

        using var loaded = SigningKeys.LoadOrCreate(path);
        using var trusted = TrustedKeys.FromFiles([folder.File("keys/records-signing.pub.pem")]);

        Assert.Equal(keyId, loaded.KeyId);
        Assert.Equal([keyId], trusted.KeyIds);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.File("keys")));
        }
    }

    [Fact]
    public void Signing_key_that_others_may_read_is_refused_with_the_command_that_fixes_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TempFolder();
        var path = folder.File("keys/records-signing.pem");
        SigningKeys.LoadOrCreate(path).Dispose();
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<SigningKeyException>(() => SigningKeys.LoadOrCreate(path));

        Assert.Contains($"chmod 600 {path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_key_file_that_holds_no_key_is_refused_naming_it()
    {
        using var folder = new TempFolder();
        var path = folder.File("records-signing.pem");
        File.WriteAllText(path, "not a key");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var error = Assert.Throws<SigningKeyException>(() => SigningKeys.LoadOrCreate(path));

        Assert.StartsWith($"{path} is not an ECDSA private key in PEM", error.Message, StringComparison.Ordinal);
    }
}
