using Engraver.Core.Firmware;
using Engraver.Core.Geometry;
using Engraver.Core.Machine;
using Engraver.Hardware.Camera;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Service.Hosting;
using Engraver.Service.Options;
using Engraver.Simulator.Grbl;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>Opens the station's devices from configuration: the twin on a pseudo-terminal when the
/// controller port is "simulator", otherwise the named serial device and a real camera.</summary>
public sealed class StationRigFactory(
    IOptions<StationOptions> station,
    IOptions<ControllerOptions> controller,
    IOptions<CameraOptions> camera,
    IOptions<FixtureOptions> fixture,
    IOptions<RecordStoreOptions>? records = null,
    StationIoFactory? ios = null,
    ILoggerFactory? loggers = null)
{
    public string DataFolder => DataFolderLocation.ForThisProcess(station.Value.DataFolder);

    private RecordStoreOptions Records => records?.Value ?? new RecordStoreOptions();

    /// <summary>Where the records are: the SQLite file, or the PostgreSQL server (never its password).</summary>
    public string RecordsPath => Records.PostgresConnectionString is { Length: > 0 } connection
        ? "postgresql://" + new Npgsql.NpgsqlConnectionStringBuilder(connection) { Password = null }.Host
        : Path.Combine(DataFolder, Records.Path);

    /// <summary>Opens the configured record store (and its job queue) on its own connections, for writing: every
    /// append signs a checkpoint with the station's key, written to the checkpoint file and this service's log
    /// (and so the system journal under systemd).</summary>
    public async Task<IRecordStore> OpenRecordsAsync(CancellationToken cancellationToken)
    {
        var log = (loggers ?? NullLoggerFactory.Instance).CreateLogger<StationRigFactory>();
        var (store, anchor) = await RecordStoreFactory.OpenForWritingAsync(
            Records, DataFolder, [new LoggedCheckpoints((loggers ?? NullLoggerFactory.Instance).CreateLogger(CheckpointLogCategory))],
            (checkpoint, e) => log.LogWarning("Checkpoint for {Chain} {Records} not written to every place: {Error}", checkpoint.Chain, checkpoint.Records, e.Message),
            cancellationToken).ConfigureAwait(false);
        log.LogInformation("Records are signed with key {KeyId} (public key {PublicKey}); checkpoints go to {CheckpointFile} and this log",
            anchor.KeyId, SigningKeys.PublicKeyPathFor(Path.GetFullPath(Path.Combine(DataFolder, Records.SigningKeyFile))), anchor.File?.Path);
        return store;
    }

    /// <summary>The signing key is checked (made at first start) before anything else is written: a key others
    /// may read stops the service with nothing of the station's written.</summary>
    private void CheckSigningKey()
    {
        try
        {
            SigningKeys.LoadOrCreate(Path.Combine(DataFolder, Records.SigningKeyFile)).Dispose();
        }
        catch (SigningKeyException e)
        {
            throw new RecordStoreUnavailableException($"The record store cannot be opened (Station:DataFolder {DataFolder}): {e.Message}", e);
        }
    }

    /// <summary>The log category of the checkpoint lines, one per append (a Serilog level override can route them).</summary>
    public const string CheckpointLogCategory = "Engraver.Checkpoints";

    /// <summary>Each checkpoint as one log line that `audit verify --checkpoints` reads back from a journal export.</summary>
    private sealed class LoggedCheckpoints(ILogger log) : ICheckpointSink
    {
        public void Write(Checkpoint checkpoint) => log.LogInformation("{Checkpoint:l}", checkpoint.ToLine());
    }

    public FirmwareProfile LoadFirmwareProfile()
    {
        var folder = station.Value.FirmwareProfilesFolder;
        var path = Path.IsPathRooted(folder)
            ? Path.Combine(folder, station.Value.FirmwareProfile + ".json")
            : Path.Combine(AppContext.BaseDirectory, folder, station.Value.FirmwareProfile + ".json");
        if (!File.Exists(path))
        {
            throw new StationConfigurationException($"Station:FirmwareProfile '{station.Value.FirmwareProfile}' has no profile file at {path}.");
        }

        return FirmwareProfileParser.Parse(File.ReadAllText(path), path);
    }

    /// <summary>Opens the devices and connects the controller: for owners of both (tests, the bench).</summary>
    public async Task<StationRig> CreateAsync(CancellationToken cancellationToken)
    {
        var devices = await OpenDevicesAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return devices.With(await ConnectAsync(devices, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await devices.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens what outlives a controller link: the station's lease first (a second live process with the
    /// same Station:Id is refused here, before it writes anything), then the record store, the twin (when
    /// simulated) and the camera.</summary>
    public async Task<StationDevices> OpenDevicesAsync(CancellationToken cancellationToken)
    {
        var firmware = LoadFirmwareProfile();
        var evidence = Path.Combine(DataFolder, "evidence");
        CheckSigningKey();
        var lease = await TakeLeaseAsync(cancellationToken).ConfigureAwait(false);
        IRecordStore records;
        try
        {
            records = await OpenStoreAsync(evidence, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        GrblSimulator? simulator = null;
        try
        {
            var options = controller.Value;
            simulator = options.IsSimulator ? GrblSimulator.Start(new SimulatorOptions { TimeScale = options.SimulatorTimeScale }) : null;
            var frameCamera = await CreateCameraAsync(simulator, cancellationToken).ConfigureAwait(false);
            return new StationDevices(frameCamera, records, firmware, evidence, simulator, cameraFrameFixedAtCall: frameCamera is SimulatedCamera) { Lease = lease };
        }
        catch
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }

            await records.DisposeAsync().ConfigureAwait(false);
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The serial device the controller is on: the twin's pseudo-terminal, or <c>Controller:Port</c>.</summary>
    public string PortFor(StationDevices devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return devices.Simulator?.PortPath ?? controller.Value.Port;
    }

    /// <summary>Opens the port and runs the handshake (soft reset, banner, build info, settings check). Called
    /// again with the same devices after a lost link; a failed attempt leaves nothing open.</summary>
    public async Task<ControllerConnection> ConnectAsync(StationDevices devices, CancellationToken cancellationToken)
    {
        var options = controller.Value;
        var link = new SerialPortLink(new SerialLinkOptions { PortName = PortFor(devices), BaudRate = options.BaudRate });
        GrblClient? client = null;
        try
        {
            link.Open();
            client = new GrblClient(link, devices.Firmware, new GrblClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(options.ResponseTimeoutMs) });
            var facts = await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            RefuseTrayOutOfReach(facts.Machine.Travel);
            UseStepsPerMm(devices, facts.Machine);
            return new ControllerConnection(link, client, facts);
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            await link.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>At connect, before anything moves (homing included): the configured tray must lie inside the
    /// travel the controller lists, under the laser and under the camera.</summary>
    private void RefuseTrayOutOfReach(MachineTravel travel)
    {
        var cameraOffset = new Point2(camera.Value.OffsetXMm, camera.Value.OffsetYMm);
        if (TrayReach.Check(travel, fixture.Value.ToFixture(), cameraOffset) is { Count: > 0 } outOfReach)
        {
            throw new TrayOutOfReachException(outOfReach, travel);
        }
    }

    /// <summary>The camera twin of a firmware simulator reads its executed-motion log, which is in steps.</summary>
    private static void UseStepsPerMm(StationDevices devices, GrblMachineSettings machine)
    {
        if (devices.ExecutedLog is not { } log)
        {
            return;
        }

        if (machine.StepsPerMmX <= 0 || machine.StepsPerMmY <= 0)
        {
            throw new StationConfigurationException("Camera:ExecutedLogPath needs the controller's steps per mm ($100, $101), which it did not list in \"$$\".");
        }

        log.UseStepsPerMm(machine.StepsPerMmX, machine.StepsPerMmY);
    }

    private Point2[] TipCentres()
    {
        var tray = fixture.Value.ToFixture();
        return Enumerable.Range(0, tray.SlotCount).Select(tray.SlotCentre).ToArray();
    }

    /// <summary>The lease of Station:Id on the record store. Held by another live process: that refusal as it is
    /// (its own exit code); any other failure to take it is a store fault.</summary>
    private async Task<IStationLease> TakeLeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await StationLeases.AcquireAsync(Records, DataFolder, station.Value.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or StationLeaseHeldException))
        {
            throw new RecordStoreUnavailableException($"The record store cannot be opened: the lease of station {station.Value.Id} cannot be taken (Station:DataFolder {DataFolder}, records in {RecordsPath}): {e.Message}", e);
        }
    }

    /// <summary>The evidence folder and the record store; any failure to open them is a store fault.</summary>
    private async Task<IRecordStore> OpenStoreAsync(string evidence, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(evidence);
            return await OpenRecordsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RecordStoreUnavailableException($"The record store cannot be opened (Station:DataFolder {DataFolder}, records in {RecordsPath}): {e.Message}", e);
        }
    }

    private async Task<ICamera> CreateCameraAsync(GrblSimulator? simulator, CancellationToken cancellationToken)
    {
        var options = camera.Value;
        if (options.Kind == CameraKind.OpenCv)
        {
            var opened = await CameraProbe.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            return new WatchedCamera(opened, opened.Settings.Describe(), TimeProvider.System, new CameraCapture(TimeProvider.System.GetUtcNow(), null));
        }

        return CreateSimulatedCamera(simulator);
    }

    /// <summary>The camera twin photographs what a simulated controller did with its laser: the station twin's
    /// own burn log, or the executed-motion log of the GRBL firmware simulator on a real serial line.</summary>
    private SimulatedCamera CreateSimulatedCamera(GrblSimulator? simulator)
    {
        var options = camera.Value;
        IBurnLogSource source = (IBurnLogSource?)simulator
            ?? (options.ExecutedLogPath is { Length: > 0 } path
                ? new ExecutedMotionLog(Path.GetFullPath(path))
                : throw new StationConfigurationException(
                    "Camera:Kind Simulated photographs what a simulated controller burned: with Controller:Port \"simulator\" the station twin's, or with a GRBL firmware simulator (tools/grbl-peer) on Controller:Port the executed-motion log named by Camera:ExecutedLogPath. A real controller needs Camera:Kind OpenCv."));
        var twin = new SimulatedCamera(source, new SimulatedCameraOptions
        {
            WidthPx = options.WidthPx,
            HeightPx = options.HeightPx,
            MillimetresPerPixel = options.MillimetresPerPixel,
            CameraOffsetMm = new Point2(options.OffsetXMm, options.OffsetYMm),
            TipCentresMm = TipCentres(),
            Material = options.Material.ToResponse(),
        });
        if (ios?.Simulated is { } wiring)
        {
            // A tray put in on the simulated I/O is a fresh tray for the camera too.
            wiring.TrayLoaded += twin.NewTray;
        }

        return twin;
    }
}
