using System.Globalization;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Evidence;

/// <summary>Draws the evidence picture: the captured image in colour, the expected strokes over it at the
/// alignment found (green where judged good, red where a segment failed), and the scores as text.</summary>
internal static class EvidenceOverlay
{
    private static readonly Scalar ExpectedColour = new(80, 200, 0);
    private static readonly Scalar FailedColour = new(0, 0, 255);
    private static readonly Scalar TextColour = new(255, 255, 255);
    private static readonly Scalar PanelColour = new(0, 0, 0);

    public static Mat Draw(CameraFrame frame, Toolpath expected, MarkVerification verification)
    {
        var picture = new Mat();
        Cv2.CvtColor(frame.Image, picture, ColorConversionCodes.GRAY2BGR);

        var geometry = FrameGeometry.Of(frame, verification.Pose);
        var failed = verification.Segments
            .Where(s => !s.Passed)
            .Select(s => (s.StrokeIndex, s.SegmentIndex))
            .ToHashSet();
        var origin = new Point(0, 0);
        for (var s = 0; s < expected.Strokes.Count; s++)
        {
            var points = expected.Strokes[s].Points;
            for (var i = 1; i < points.Count; i++)
            {
                var isFailed = failed.Contains((s, i - 1));
                var from = FrameGeometry.ToDrawing(geometry.ToPixel(points[i - 1]), origin);
                var to = FrameGeometry.ToDrawing(geometry.ToPixel(points[i]), origin);
                Cv2.Line(picture, from, to, isFailed ? FailedColour : ExpectedColour, isFailed ? 3 : 1, LineTypes.AntiAlias, FrameGeometry.SubPixelBits);
            }
        }

        DrawScores(picture, verification);
        return picture;
    }

    private static void DrawScores(Mat picture, MarkVerification verification)
    {
        var lines = new List<string>
        {
            verification.Passed ? "PASS" : "FAIL",
            Say($"stroke coverage {verification.StrokeCoverage:0.0%}"),
            Say($"stray mark {verification.StrayMark:0.0%}"),
            Say($"worst segment {verification.WorstSegmentCoverage:0.0%}"),
            Say($"contrast {verification.MarkContrast:0} grey, offset {verification.Alignment.X},{verification.Alignment.Y} px, {TurnAngle.Say(verification.Pose.RotationDeg)}"),
            Say($"grade {verification.Grade.Overall}: contrast {verification.Grade.ContrastGrade}, modulation {verification.Grade.ModulationGrade}, fill {verification.Grade.FillGrade}, damage {verification.Grade.DamageGrade}"),
        };
        if (verification.Ring is { } ring)
        {
            lines.Add(Say($"ring: {verification.DecodedIdentity?.ToString() ?? "undecodable"} ({ring.Unreadable} of {ring.Cells.Count} cells unreadable)"));
        }

        // One line per text line, in words: all characters read, or which are doubtful and how much of them was found.
        lines.AddRange(GlyphReadout.Lines(verification.Glyphs));

        const HersheyFonts font = HersheyFonts.HersheySimplex;
        var scale = Math.Max(0.4, picture.Cols / 1600.0);
        var lineHeight = (int)Math.Ceiling(30 * scale);
        var panelWidth = lines.Max(l => Cv2.GetTextSize(l, font, scale, 1, out _).Width) + 16;
        Cv2.Rectangle(picture, new Rect(0, 0, Math.Min(panelWidth, picture.Cols), Math.Min((lines.Count * lineHeight) + 12, picture.Rows)), PanelColour, -1);
        for (var i = 0; i < lines.Count; i++)
        {
            var colour = i == 0 && !verification.Passed ? FailedColour : TextColour;
            Cv2.PutText(picture, lines[i], new Point(8, (i + 1) * lineHeight), font, scale, colour, 1, LineTypes.AntiAlias);
        }
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
