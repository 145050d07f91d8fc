using Engraver.Hardware.Camera;
using Engraver.Simulator.Laser;

namespace Engraver.Simulator.Camera;

/// <summary>The camera twin: each capture renders what the simulated laser actually burned, around the
/// machine point under the camera, so a dropped or corrupted line shows in the image as it would on a part.
/// Each frame places the pin within the configured jitter of the optical axis and turned in its seat.</summary>
public sealed class SimulatedCamera : ICamera
{
    private readonly IBurnLogSource _burnLog;
    private readonly SimulatedCameraOptions _options;
    private readonly BurnLogRenderer _renderer;
    private readonly Random _frameSeeds;
    private readonly Lock _seedGate = new();
    private int _burnsOnEarlierTrays;

    public SimulatedCamera(IBurnLogSource burnLog, SimulatedCameraOptions options)
    {
        ArgumentNullException.ThrowIfNull(burnLog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TipCentresMm, nameof(options.TipCentresMm));
        _burnLog = burnLog;
        _options = options;
        _renderer = new BurnLogRenderer(options.ToRenderSettings());
        _frameSeeds = new Random(options.Seed);
    }

    /// <summary>What the camera photographs: the record of what the simulated laser burned.</summary>
    public IBurnLogSource BurnLog => _burnLog;

    /// <summary>A full tray was taken away and a fresh one put in: what was burned so far left with the old pins,
    /// and the camera sees only what is burned from now on (a new tray's slot 0 is a new pin, not the old one).</summary>
    public void NewTray() => Volatile.Write(ref _burnsOnEarlierTrays, _burnLog.BurnLogSnapshot().Count);

    public Task<CameraFrame> CaptureAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var viewCentre = _burnLog.MachinePosition + _options.CameraOffsetMm;
        var burns = OnThisTray(_burnLog.BurnLogSnapshot());
        int frameSeed;
        lock (_seedGate)
        {
            frameSeed = _frameSeeds.Next();
        }

        var pose = _options.DrawPose(new Random(frameSeed));

        // The head's Z when the frame is taken decides its focus: beyond the depth of field the blur grows.
        var zBlurMm = _options.DefocusAtMm(_burnLog.MachineZ);
        var defects = zBlurMm == 0 ? _options.Defects
            : _options.Defects with { DefocusMm = Math.Sqrt((_options.Defects.DefocusMm * _options.Defects.DefocusMm) + (zBlurMm * zBlurMm)) };
        var stamped = _options.ReportedMillimetresPerPixel ?? _options.MillimetresPerPixel;

        // Rendering a frame is a few tens of milliseconds of CPU work, like an exposure plus readout:
        // run it off the caller's loop.
        return Task.Run(
            () => new CameraFrame(_renderer.Render(burns, viewCentre, _options.TipCentresMm, frameSeed, pose, defects), stamped),
            cancellationToken);
    }

    private IReadOnlyList<BurnSegment> OnThisTray(IReadOnlyList<BurnSegment> burns)
    {
        var earlier = Volatile.Read(ref _burnsOnEarlierTrays);
        // A log that restarted (a simulator started again) is shorter than the mark: all of it is this tray's.
        return earlier == 0 || earlier > burns.Count ? burns : burns.Skip(earlier).ToList();
    }
}
