using System.CommandLine;
using System.Globalization;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Hardware.Camera;
using Engraver.Vision.Ring;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Cli.Commands;

/// <summary>`engraver decode IMAGE [IMAGE...]`: reads the gear ring from one photograph, or fuses
/// several partial ones, and prints the identity and how well each cell was read.</summary>
internal static class DecodeCommand
{
    /// <summary>The identity was read (and is the expected one, when one was given).</summary>
    public const int Identified = 0;

    /// <summary>No identity: the ring is undecodable, the reads contradict each other, or the serial is not the expected one.</summary>
    public const int NoIdentity = 1;

    /// <summary>A file is missing, empty, too large or not an image; nothing was decoded.</summary>
    public const int NotAnImage = 2;

    public static Command Create()
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Photographs of one pin tip (PNG, grey or colour).", Arity = ArgumentArity.OneOrMore };
        var scale = new Option<double>("--mm-per-pixel") { Description = "Scale of the photographs at the tip.", DefaultValueFactory = _ => 0.002 };
        var expect = new Option<string?>("--expect-serial") { Description = "Fail (exit 1) unless the ring reads this serial." };
        var impression = new Option<bool>("--impression")
        {
            Description = "The photographs are of cartridge-case impressions (mirror images of the pin). Without it, one photograph that does not read as a pin is also tried as an impression.",
        };
        var command = new Command("decode", "Read a pin's identity from the gear ring in one or more photographs of the pin or of its impressions.") { images, scale, expect, impression };
        command.SetAction(result => Run(result.GetValue(images)!, result.GetValue(scale), result.GetValue(expect), result.GetValue(impression)));
        return command;
    }

    private static int Run(string[] paths, double millimetresPerPixel, string? expectedSerial, bool impressions)
    {
        var reads = new List<RingRead>();
        foreach (var path in paths)
        {
            if (PhotographFile.TryLoad(path, out var error) is not { } image)
            {
                Console.Error.WriteLine($"decode: {error}");
                return NotAnImage;
            }

            using var frame = new CameraFrame(image, millimetresPerPixel);
            RingRead read;
            bool asImpression;
            try
            {
                (read, asImpression) = ReadOne(frame, impressions, alone: paths.Length == 1);
            }
            catch (OpenCVException e)
            {
                Console.Error.WriteLine($"decode: {path} could not be processed: {e.Message.ReplaceLineEndings(" ")}");
                return NotAnImage;
            }

            reads.Add(read);
            var r = read.Reading;
            Console.WriteLine(Say($"{Path.GetFileName(path)}{(asImpression ? " (read as a cartridge-case impression, mirror image)" : string.Empty)}: {Describe(r.Decoded)}; cells {r.Marks} mark, {r.NoMarks} no mark, {r.Unreadable} unreadable; mean confidence {r.MeanConfidence:0.00}{(read.Pose is { } pose ? "; " + TurnAngle.Say(pose.RotationDeg) : string.Empty)}{Adjusted(read)}{Searched(read)}"));
        }

        var result = reads.Count == 1 ? reads[0].Reading.Decoded : Fused(reads, paths);
        Console.WriteLine(reads.Count == 1 ? $"identity: {Describe(result)}" : $"fused {reads.Count} reads: {Describe(result)}");
        if (result.Identity is null)
        {
            return NoIdentity;
        }

        if (expectedSerial is not null && result.Identity.Serial != expectedSerial)
        {
            Console.WriteLine($"serial {result.Identity.Serial} is not the expected {expectedSerial}");
            return NoIdentity;
        }

        return Identified;
    }

    /// <summary>Fuses the reads, each placed by its orientation mark or by its cells against the others,
    /// and says per photograph how it was placed or why it was left out.</summary>
    private static GearDecodeResult Fused(List<RingRead> reads, string[] paths)
    {
        var fused = RingFusion.Fuse(reads);
        foreach (var placement in fused.Placements)
        {
            Console.WriteLine($"{Path.GetFileName(paths[placement.Read])}: {placement.How}");
        }

        if (fused.Decoded is GearDecodeResult.Decoded)
        {
            Console.WriteLine(Say($"fusion: {fused.Placements.Count - fused.LeftOut} of {fused.Placements.Count} reads placed{(fused.TurnFromMark ? string.Empty : ", turn from the one turn at which they decode")}; {fused.DecodesTried} read-outs offered to the code, false-decode risk {fused.FalseDecodeRisk:0.0e+0}"));
        }

        return fused.Decoded;
    }

    /// <summary>As a pin, or as an impression when told so; a single photograph that does not decode as a pin
    /// is tried as an impression too (the code's CRC makes a wrong decode of either side negligible).</summary>
    private static (RingRead Read, bool AsImpression) ReadOne(CameraFrame frame, bool impression, bool alone)
    {
        if (impression)
        {
            return (GearRingDecoder.ReadImpression(frame, PinProfile.Default, MarkVerifierOptions.Default), true);
        }

        var asPin = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);
        if (!alone || asPin.Reading.Decoded is GearDecodeResult.Decoded)
        {
            return (asPin, false);
        }

        var asImpression = GearRingDecoder.ReadImpression(frame, PinProfile.Default, MarkVerifierOptions.Default);
        return asImpression.Reading.Decoded is GearDecodeResult.Decoded ? (asImpression, true) : (asPin, false);
    }

    private static string Describe(GearDecodeResult result) => result switch
    {
        GearDecodeResult.Decoded d => Say($"{d.Value} ({d.CorrectedErrors} symbols corrected, {d.Erasures} erased)"),
        GearDecodeResult.Undecodable u => "undecodable: " + u.Reason,
        GearDecodeResult.Contradictory c => Say($"contradictory: read {c.ReadIndex + 1}: {c.Reason}"),
        _ => result.ToString(),
    };

    private static string Adjusted(RingRead read) => read.Adjustments.Count == 0 || read.Reading.Decoded is not GearDecodeResult.Decoded
        ? string.Empty
        : $"; read with {string.Join(", ", read.Adjustments)}";

    // Every turn and every further reading was one more chance for a wrong read-out to decode.
    private static string Searched(RingRead read) => read.DecodesTried <= 1 || read.Reading.Decoded is not GearDecodeResult.Decoded
        ? string.Empty
        : read.RotationsTried > 1
            ? Say($"; orientation mark not seen, {read.RotationsTried} turns tried, {read.DecodesTried} read-outs offered to the code, false-decode risk {read.FalseDecodeRisk:0.0e+0}")
            : Say($"; {read.DecodesTried} read-outs offered to the code, false-decode risk {read.FalseDecodeRisk:0.0e+0}");

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
