using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Engraver.Core.Input;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Hardware.Camera;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Engraver.Vision.Ring;
using Engraver.Vision.Verification;

namespace Engraver.Cli.Commands;

/// <summary>`engraver qa casings --serial S --user U IMAGE...`: the test-fire legibility check. Each casing
/// photograph is read as an impression of the pin (its mirror image) on its own, then all are fused; the result is
/// appended to the signed command log as a `qa-casings` row naming the serial's pin record, so `audit show` and the
/// report show it. California's compliance test (11 CCR 4075) asks for the serial on each of the first two and last
/// two casings of a test fire. Exit 0 every casing read the serial on its own, 1 not (the row is written either way),
/// 2 could not run (no pin record of the serial, a file that is not an image, the store).</summary>
internal static class QaCommand
{
    public const string CommandName = AuditReportQa.QaCasingsCommand;

    public static Command Create() => new("qa", "Quality checks on what the pins made.") { Casings() };

    private static Command Casings()
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Photographs of the casings' firing-pin impressions, in firing order.", Arity = ArgumentArity.OneOrMore };
        var serial = new Option<string>("--serial") { Description = "The serial the test fire is for.", Required = true }.Checked(TextField.Id("--serial"));
        var user = new Option<string>("--user") { Description = "Who ran the test fire (recorded).", DefaultValueFactory = _ => Environment.UserName }.Checked(TextField.User("--user"));
        var scale = new Option<double>("--mm-per-pixel") { Description = "Scale of the photographs at the impression.", DefaultValueFactory = _ => 0.002 };
        var source = new AuditStoreSource(signs: true);
        var command = new Command("casings", "Read the serial from each test-fire casing and from all together, and record the result beside the pin's record.") { images, serial, user, scale };
        source.AddTo(command);
        command.SetAction((result, token) => AuditCommand.GuardAsync("qa casings", async () =>
        {
            var reads = ReadAll(result.GetValue(images)!, result.GetValue(scale));
            if (reads is null)
            {
                return CliExitCodes.CouldNotRun;
            }

            var wanted = result.GetValue(serial)!;
            var (store, location, _) = await source.OpenAsync(result, token).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var records = await store.FindBySerialAsync(wanted, token).ConfigureAwait(false);
                var pin = records.LastOrDefault(r => r.Record.Outcome == PinOutcome.Verified) ?? records.LastOrDefault();
                if (pin is null)
                {
                    await Console.Error.WriteLineAsync($"qa casings: no pin record of serial {wanted} in {location}; nothing recorded").ConfigureAwait(false);
                    return CliExitCodes.CouldNotRun;
                }

                return await ReportAndRecordAsync(store, result.GetValue(user)!, wanted, pin, reads, token).ConfigureAwait(false);
            }
        }));
        return command;
    }

    private sealed record CasingRead(string File, string Sha256, RingRead Read)
    {
        public RingReading Reading => Read.Reading;

        public string? Serial => (Reading.Decoded as GearDecodeResult.Decoded)?.Value.Serial;
    }

    private static List<CasingRead>? ReadAll(string[] paths, double millimetresPerPixel)
    {
        var reads = new List<CasingRead>(paths.Length);
        foreach (var path in paths)
        {
            if (PhotographFile.TryLoad(path, out var error) is not { } image)
            {
                Console.Error.WriteLine($"qa casings: {error}");
                return null;
            }

            using var frame = new CameraFrame(image, millimetresPerPixel);
            var read = GearRingDecoder.ReadImpression(frame, PinProfile.Default, MarkVerifierOptions.Default);
            reads.Add(new CasingRead(Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), read));
        }

        return reads;
    }

    private static async Task<int> ReportAndRecordAsync(
        IRecordStore store, string user, string serial, StoredPinRecord pin, List<CasingRead> reads, CancellationToken cancellationToken)
    {
        for (var i = 0; i < reads.Count; i++)
        {
            var r = reads[i].Reading;
            Console.WriteLine(Say($"casing {i + 1} ({reads[i].File}): {(reads[i].Serial is { } read ? (read == serial ? $"serial {read} read" : $"read {read}, NOT {serial}") : "no identity")}; {r.Marks + r.NoMarks} of {r.Cells.Count} cells readable, {r.Unreadable} unreadable"));
        }

        // Each casing is placed on the ring by its orientation mark, or by its cells against the others; one
        // that cannot be placed is left out of the fused read and said so.
        var fusion = RingFusion.Fuse(reads.Select(r => r.Read).ToList());
        if (reads.Count > 1)
        {
            foreach (var placement in fusion.Placements.Where(p => !p.Placed))
            {
                Console.WriteLine($"casing {placement.Read + 1} ({reads[placement.Read].File}): {placement.How}");
            }
        }

        var fused = reads.Count == 1 ? reads[0].Reading.Decoded : fusion.Decoded;
        var fusedSerial = (fused as GearDecodeResult.Decoded)?.Value.Serial;
        var alone = reads.Count(r => r.Serial == serial);
        var passed = alone == reads.Count;
        Console.WriteLine(Say($"{alone} of {reads.Count} casings read serial {serial} on their own; all together: {(fusedSerial is null ? "no identity" : fusedSerial == serial ? $"serial {serial}" : $"{fusedSerial}, NOT {serial}")}"));

        var row = await CommandLog.AppendAsync(store, user, CommandName,
        [
            new("serial", serial),
            new("pinRecord", pin.Sequence),
            new("casings", reads.Count),
            new("readAlone", alone),
            new("readTogether", fusedSerial == serial),
            new("fused", fusedSerial ?? "none"),
            new("leftOut", reads.Count == 1 ? 0 : fusion.LeftOut),
            new("files", string.Join(" ", reads.Select(r => $"{r.File}:{r.Sha256[..16]}:{(r.Serial == serial ? "read" : "not-read")}"))),
        ], null, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(Say($"qa casings: {(passed ? "passed" : "NOT passed")}; recorded as command log row {row.Sequence}, beside pin record #{pin.Sequence}"));
        return passed ? CliExitCodes.Ok : CliExitCodes.CheckFailed;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
