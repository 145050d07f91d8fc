using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>Signed checkpoints on every store: written in the appending transaction, handed to the sinks after
/// the commit, the heads of unsigned chains adopted once, and the checkpoint file brought up to the store.</summary>
public abstract partial class RecordStoreContractTests
{
    [Fact]
    public async Task Every_append_leaves_a_signed_checkpoint_of_the_new_head_in_the_store_and_the_file()
    {
        using var folder = new TempFolder();
        using var signer = CheckpointSigner.CreateNew();
        var file = new CheckpointFile(folder.File("checkpoints.log"));
        await using var store = await Database.OpenAsync(RecordHasher.Instance, new ChainAnchor(signer, [file]));

        await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        var second = await store.AppendPinsAsync([SampleRecords.Verified("SN-2"), SampleRecords.Rejected("SN-3")], None);
        var command = await store.AppendCommandAsync(SampleCommands.Accepted("home"), None);

        var stored = await store.ReadCheckpointsAsync(None);
        using var trusted = TrustedKeys.Of(signer);
        Assert.Equal((3L, second[^1].Hash, signer.KeyId), (stored[Checkpoint.Pins].Records, stored[Checkpoint.Pins].Head, stored[Checkpoint.Pins].KeyId));
        Assert.Equal((1L, command.Hash), (stored[Checkpoint.Commands].Records, stored[Checkpoint.Commands].Head));
        Assert.All(stored.Values, c => Assert.Equal(CheckpointTrust.Valid, trusted.Check(c)));
        var lines = CheckpointFile.Read(file.Path).Select(l => l.Checkpoint!).ToList();
        Assert.Equal([(Checkpoint.Pins, 1L), (Checkpoint.Pins, 3L), (Checkpoint.Commands, 1L)], lines.Select(c => (c.Chain, c.Records)));
        Assert.Equal(stored[Checkpoint.Pins], lines[1]);
    }

    [Fact]
    public async Task An_append_refused_leaves_the_checkpoint_where_it_was()
    {
        using var signer = CheckpointSigner.CreateNew();
        await using var store = await Database.OpenAsync(RecordHasher.Instance, new ChainAnchor(signer, []));
        await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        var before = (await store.ReadCheckpointsAsync(None))[Checkpoint.Pins];

        await Assert.ThrowsAsync<Records.DuplicateVerifiedSerialException>(() => store.AppendPinAsync(SampleRecords.Verified("SN-1"), None));

        Assert.Equal(before, (await store.ReadCheckpointsAsync(None))[Checkpoint.Pins]);
    }

    [Fact]
    public async Task A_sink_that_fails_does_not_fail_the_append_and_is_reported()
    {
        using var signer = CheckpointSigner.CreateNew();
        var failures = new List<(Checkpoint, Exception)>();
        await using var store = await Database.OpenAsync(RecordHasher.Instance,
            new ChainAnchor(signer, [new FullDisk()], sinkFailed: (c, e) => failures.Add((c, e))));

        var row = await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);

        var (checkpoint, error) = Assert.Single(failures);
        Assert.Equal(row.Hash, checkpoint.Head);
        Assert.IsType<IOException>(error);
        Assert.Equal(row.Hash, (await store.ReadCheckpointsAsync(None))[Checkpoint.Pins].Head);
    }

    [Fact]
    public async Task Chains_written_before_signing_are_signed_at_their_head_once_when_the_file_has_not_seen_them()
    {
        using var folder = new TempFolder();
        await using (var unsigned = await OpenStoreAsync())
        {
            await unsigned.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
            await unsigned.AppendPinAsync(SampleRecords.Verified("SN-2"), None);
        }

        using var signer = CheckpointSigner.CreateNew();
        var anchor = new ChainAnchor(signer, [new CheckpointFile(folder.File("checkpoints.log"))]);
        await using var store = await Database.OpenAsync(RecordHasher.Instance, anchor);
        await CheckpointCatchUp.RunAsync(store, anchor, None);
        await CheckpointCatchUp.RunAsync(store, anchor, None);

        var stored = await store.ReadCheckpointsAsync(None);
        Assert.Equal(2, stored[Checkpoint.Pins].Records);
        Assert.False(stored.ContainsKey(Checkpoint.Commands));
        Assert.Single(CheckpointFile.Read(anchor.File!.Path));
    }

    [Fact]
    public async Task A_chain_the_checkpoint_file_has_seen_is_not_adopted_when_its_store_checkpoint_is_gone()
    {
        using var folder = new TempFolder();
        using var signer = CheckpointSigner.CreateNew();
        var anchor = new ChainAnchor(signer, [new CheckpointFile(folder.File("checkpoints.log"))]);
        await using (var store = await Database.OpenAsync(RecordHasher.Instance, anchor))
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        }

        await Database.ExecuteAsync("DELETE FROM chain_checkpoints;");
        await using (var unsigned = await OpenStoreAsync())
        {
            await unsigned.AppendPinAsync(SampleRecords.Verified("SN-FORGED"), None);
        }

        await using var reopened = await Database.OpenAsync(RecordHasher.Instance, anchor);
        await CheckpointCatchUp.RunAsync(reopened, anchor, None);

        Assert.Empty(await reopened.ReadCheckpointsAsync(None));
    }

    [Fact]
    public async Task A_checkpoint_committed_but_not_written_to_the_file_is_written_when_the_store_is_next_opened()
    {
        using var folder = new TempFolder();
        using var signer = CheckpointSigner.CreateNew();
        await using (var store = await Database.OpenAsync(RecordHasher.Instance, new ChainAnchor(signer, [])))
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        }

        var anchor = new ChainAnchor(signer, [new CheckpointFile(folder.File("checkpoints.log"))]);
        await using var reopened = await Database.OpenAsync(RecordHasher.Instance, anchor);
        await CheckpointCatchUp.RunAsync(reopened, anchor, None);

        var line = Assert.Single(CheckpointFile.Read(anchor.File!.Path));
        Assert.Equal((await reopened.ReadCheckpointsAsync(None))[Checkpoint.Pins], line.Checkpoint);
    }

    [Fact]
    public async Task Verifier_finds_a_signed_untouched_store_sound_and_reports_its_heads()
    {
        using var folder = new TempFolder();
        using var signer = CheckpointSigner.CreateNew();
        var anchor = new ChainAnchor(signer, [new CheckpointFile(folder.File("checkpoints.log"))]);
        await using var store = await Database.OpenAsync(RecordHasher.Instance, anchor);
        var row = await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        await store.AppendCommandAsync(SampleCommands.Accepted("home"), None);

        using var trusted = TrustedKeys.Of(signer);
        var result = await AnchorVerifier.VerifyAsync(store, new Dictionary<string, long> { [Checkpoint.Pins] = 1, [Checkpoint.Commands] = 1 },
            trusted, [anchor.File!.Path], None);

        Assert.False(result.Tampered);
        Assert.False(result.KeyNeeded);
        Assert.Equal(4, result.Findings.Count(f => f.Severity == AnchorSeverity.Sound));
        Assert.Equal(row.Hash, result.Heads.Single(h => h.Chain == Checkpoint.Pins).Head);
    }

    [Fact]
    public async Task Verifier_calls_an_unsigned_store_unanchored_without_keys_and_tampered_when_the_station_signs()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        var rows = new Dictionary<string, long> { [Checkpoint.Pins] = 1 };
        using var signer = CheckpointSigner.CreateNew();
        using var stationKey = TrustedKeys.Of(signer);

        var withoutKeys = await AnchorVerifier.VerifyAsync(store, rows, TrustedKeys.None, [], None);
        var withKey = await AnchorVerifier.VerifyAsync(store, rows, stationKey, [], None);

        Assert.Equal(AnchorSeverity.Unanchored, Assert.Single(withoutKeys.Findings).Severity);
        Assert.False(withoutKeys.Tampered);
        Assert.Contains("NOT SIGNED", Assert.Single(withKey.Findings).Message, StringComparison.Ordinal);
        Assert.True(withKey.Tampered);
    }

    private sealed class FullDisk : ICheckpointSink
    {
        public void Write(Checkpoint checkpoint) => throw new IOException("No space left on device");
    }
}
