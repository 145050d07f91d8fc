using System.Globalization;
using OpenCvSharp;

namespace Engraver.Cli.Commands;

/// <summary>Loads one photograph for `decode` as an 8-bit grey image, whatever its name says: the
/// format is told from the bytes, so a PNG named .jpg still reads. Anything that is not a picture
/// comes back as one line that names the file and says what is wrong with it.</summary>
internal static class PhotographFile
{
    /// <summary>Larger files are refused before they are read into memory.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <returns>The image (the caller disposes it), or null with <paramref name="error"/> set.</returns>
    public static Mat? TryLoad(string path, out string error)
    {
        error = string.Empty;
        if (Directory.Exists(path))
        {
            error = $"{path} is a folder, not an image";
            return null;
        }

        if (!File.Exists(path))
        {
            error = $"no image at {path}";
            return null;
        }

        try
        {
            var length = new FileInfo(path).Length;
            if (length == 0)
            {
                error = $"{path} is empty (0 bytes), not an image";
                return null;
            }

            if (length > MaxBytes)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"{path} is {length / (1024.0 * 1024):0} MiB; a photograph over {MaxBytes / (1024 * 1024)} MiB is not read");
                return null;
            }

            var image = Cv2.ImDecode(File.ReadAllBytes(path), ImreadModes.Grayscale);
            if (image.Empty())
            {
                image.Dispose();
                error = $"{path} is not an image OpenCV can read (PNG, JPEG, TIFF, BMP, ...)";
                return null;
            }

            return image;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OpenCVException)
        {
            error = $"{path} could not be read as an image: {OneLine(e.Message)}";
            return null;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
