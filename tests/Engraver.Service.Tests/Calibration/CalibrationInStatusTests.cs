using Engraver.Core.Calibration;
using Engraver.Service.Api;
using Engraver.Service.Calibration;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Xunit;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Engraver.Service.Tests.Calibration;

/// <summary>The station runs under the calibration file when there is one, else the typed-in values, and the status
/// says which.</summary>
public sealed class CalibrationInStatusTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("engraver-calibration-").FullName;

    private static readonly CameraCalibration Measured = new(
        40.04, 0.03, 0.00204, 0.8, -4.7, 0.0001, 0.0002, 16, new DateTimeOffset(2026, 11, 30, 7, 15, 0, TimeSpan.Zero), "sue");

    private StationRigFactory Rigs()
    {
        var station = MsOptions.Create(new StationOptions { DataFolder = _folder });
        var camera = MsOptions.Create(new CameraOptions());
        return new StationRigFactory(station, MsOptions.Create(new ControllerOptions()), camera, MsOptions.Create(new FixtureOptions()),
            calibrations: new CameraCalibrationFile(station, camera));
    }

    private static CameraGeometryStatus? CameraIn(StationRigFactory rigs) => new StatusSnapshotBuilder(
        new StationRuntime(TimeProvider.System),
        MsOptions.Create(new StationOptions()),
        new QueueStatus(),
        new SimulatedDevices(MsOptions.Create(new ControllerOptions()), MsOptions.Create(new CameraOptions()), MsOptions.Create(new StationIoOptions())),
        rigs).Build().Camera;

    [Fact]
    public void Without_a_file_the_station_runs_on_the_typed_in_values_and_says_so()
    {
        var rigs = Rigs();

        var camera = Assert.IsType<CameraGeometryStatus>(CameraIn(rigs));

        Assert.Null(camera.CalibrationId);
        Assert.Equal((40.0, 0.0, 0.002, 0.0, -5.0), (camera.OffsetXMm, camera.OffsetYMm, camera.MillimetresPerPixel, camera.RotationDeg, camera.FocusZMm));
        Assert.Equal(-5.0, rigs.Tray.FocusZ);
    }

    [Fact]
    public void With_a_file_its_values_win_over_the_typed_in_ones_for_the_camera_the_tray_and_the_status()
    {
        var calibration = Measured.Rounded();
        CameraCalibrationFile.Write(Path.Combine(_folder, "calibration.json"), calibration);
        var rigs = Rigs();

        var camera = Assert.IsType<CameraGeometryStatus>(CameraIn(rigs));

        Assert.Equal(calibration.Id, camera.CalibrationId);
        Assert.Equal("sue", camera.CalibratedBy);
        Assert.Equal((40.04, 0.03, 0.00204, 0.8, -4.7), (camera.OffsetXMm, camera.OffsetYMm, camera.MillimetresPerPixel, camera.RotationDeg, camera.FocusZMm));
        Assert.Equal(-4.7, rigs.Tray.FocusZ);
        Assert.Equal(calibration.Id, rigs.Geometry.CalibrationId);
    }

    [Fact]
    public void A_file_edited_after_it_was_written_is_refused_naming_the_file_and_the_id()
    {
        var path = Path.Combine(_folder, "calibration.json");
        CameraCalibrationFile.Write(path, Measured.Rounded());
        File.WriteAllText(path, File.ReadAllText(path).Replace("40.04", "40.4", StringComparison.Ordinal));

        var refused = Assert.Throws<StationConfigurationException>(() => Rigs().Geometry);

        Assert.StartsWith($"Camera:CalibrationFile {path}: field id: ", refused.Message, StringComparison.Ordinal);
        Assert.Null(CameraIn(Rigs()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
