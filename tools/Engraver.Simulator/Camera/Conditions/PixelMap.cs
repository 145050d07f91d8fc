using OpenCvSharp;

namespace Engraver.Simulator.Camera.Conditions;

/// <summary>Rewrites every pixel of a single-channel float image through a function of row, column and value.</summary>
internal static class PixelMap
{
    public static void Apply(Mat image, Func<int, int, float, float> map)
    {
        var rows = image.Rows;
        var cols = image.Cols;
        image.GetArray(out float[] values);
        for (var row = 0; row < rows; row++)
        {
            for (var col = 0; col < cols; col++)
            {
                var i = (row * cols) + col;
                values[i] = map(row, col, values[i]);
            }
        }

        image.SetArray(values);
    }
}
