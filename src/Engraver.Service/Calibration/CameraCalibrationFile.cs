using Engraver.Core.Calibration;
using Engraver.Service.Hosting;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Calibration;

/// <summary>The calibration file (Camera:CalibrationFile, in the data folder unless rooted): read once, when the
/// station opens its devices, and written whole by `engraver calibrate`. No file: no calibration, the typed-in values
/// are used. A file that is there but cannot be used stops the service with one line naming the file and the field
/// (a configuration error, exit code 2): running on the typed-in values instead would go unnoticed.</summary>
public sealed class CameraCalibrationFile(IOptions<StationOptions> station, IOptions<CameraOptions> camera)
{
    private readonly Lock _gate = new();
    private (bool Loaded, CameraCalibration? Value) _cache;

    public string Path
    {
        get
        {
            var file = camera.Value.CalibrationFile;
            return System.IO.Path.IsPathRooted(file) ? file : System.IO.Path.Combine(DataFolderLocation.ForThisProcess(station.Value.DataFolder), file);
        }
    }

    /// <summary>The calibration the station runs under, or null when there is no file. Read once per process.</summary>
    public CameraCalibration? Load()
    {
        lock (_gate)
        {
            if (!_cache.Loaded)
            {
                _cache = (true, Read(Path));
            }

            return _cache.Value;
        }
    }

    public static CameraCalibration? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return CameraCalibration.Parse(File.ReadAllText(path), path);
        }
        catch (CameraCalibrationException e)
        {
            throw new StationConfigurationException(e.Message, e);
        }
        catch (IOException e)
        {
            throw new StationConfigurationException($"Camera:CalibrationFile {path}: field (file): cannot be read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StationConfigurationException($"Camera:CalibrationFile {path}: field (file): cannot be read ({e.Message})", e);
        }
    }

    /// <summary>Writes the calibration whole: to a new file beside it, then moved over the old one.</summary>
    public static void Write(string path, CameraCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = path + ".new";
        File.WriteAllText(temporary, calibration.ToJson());
        File.Move(temporary, path, overwrite: true);
    }
}
