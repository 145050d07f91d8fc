using Engraver.Core.Microstamp;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Reads the gear ring when its orientation mark cannot be seen (a partial strike often loses
/// it): the marked cells still sit on the slot grid, so the grid's phase gives the turn up to a whole
/// number of slots, and each of those turns is read in turn. A turn is accepted only when the code
/// decodes there (Reed-Solomon and CRC-24), and only when no other turn decodes to something else.</summary>
internal static class RotationSearch
{
    /// <returns>The reading and turn (radians, counter-clockwise from image +X with +Y up) of the one
    /// turn that decodes, or null when none or several disagreeing ones do; and the read-outs offered
    /// to the code over all turns; and the slot grid's phase (radians, modulo one slot pitch).</returns>
    public static ((RingReading Reading, double Turn)? Found, int Decodes, double Phase) Find(Mat mark, Mat? visible, Rect region, GearRing ring, Point2d centre, Size image, double millimetresPerPixel)
    {
        var phase = SlotPhase(mark, region, ring, centre, millimetresPerPixel);
        (RingReading Reading, double Turn)? found = null;
        var decodes = 0;
        for (var slot = 0; slot < ring.SlotCount; slot++)
        {
            var turn = phase + (slot * ring.SlotPitchRad);
            var geometry = new FrameGeometry(image.Width, image.Height, millimetresPerPixel, centre, turn);
            var reading = RingReader.Read(mark, visible, region, ring, geometry.ToPixel, millimetresPerPixel);
            decodes += reading.DecodesTried;
            if (reading.Decoded is not GearDecodeResult.Decoded decoded)
            {
                continue;
            }

            if (found is { } earlier && earlier.Reading.Decoded.Identity != decoded.Value)
            {
                return (null, decodes, phase);
            }

            found ??= (reading, turn);
        }

        return (found, decodes, phase);
    }

    /// <summary>Where the slot grid sits, modulo one slot pitch: every marked cell is a radial bar
    /// centred on its slot, so the dark samples on the circles through the tracks' middles, folded onto
    /// one pitch, pile up at the grid's phase. An occluded arc is dark over many whole pitches and
    /// folds to nothing.</summary>
    public static double SlotPhase(Mat mark, Rect region, GearRing ring, Point2d centre, double millimetresPerPixel)
    {
        double sumCos = 0, sumSin = 0;
        for (var track = 0; track < ring.TrackCount; track++)
        {
            var radiusPx = (ring.TrackInnerRadiusMm(track) + (ring.TrackLengthMm / 2)) / millimetresPerPixel;
            var samples = (int)Math.Ceiling(2 * Math.PI * radiusPx);
            for (var i = 0; i < samples; i++)
            {
                var angle = 2 * Math.PI * i / samples;
                var col = (int)Math.Round(centre.X + (radiusPx * Math.Cos(angle))) - region.X;
                var row = (int)Math.Round(centre.Y - (radiusPx * Math.Sin(angle))) - region.Y;
                if (col >= 0 && row >= 0 && col < mark.Cols && row < mark.Rows && mark.At<byte>(row, col) != 0)
                {
                    var (sin, cos) = Math.SinCos(ring.SlotCount * angle);
                    sumCos += cos;
                    sumSin += sin;
                }
            }
        }

        var phase = Math.Atan2(sumSin, sumCos) / ring.SlotCount;
        return phase < 0 ? phase + ring.SlotPitchRad : phase;
    }
}
