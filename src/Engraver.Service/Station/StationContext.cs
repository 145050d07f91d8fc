using Engraver.Core.Geometry;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;

namespace Engraver.Service.Station;

/// <summary>The fixed facts a pin cycle needs besides the devices. The machine's travel is not among them:
/// it is the connected controller's (<see cref="StationRig.Travel"/>). <paramref name="SimulatedDevices"/>
/// names the station's devices that are simulated ("controller, camera, io"), null when none is; every pin
/// record states it, so a pin made on the station twin never passes for a production pin. <paramref name="Operator"/>
/// is the person every pin record names (who started the station); null until someone did, and a pin record
/// is then refused. <paramref name="OperatorOfJob"/>, when given, names the person per job instead (the job's
/// submitter, when the service started the station by itself). <paramref name="CalibrationId"/> names the camera
/// calibration the station runs under (null on typed-in values); every pin record names it.</summary>
public sealed record StationContext(
    string StationId, string? Operator, Point2 CameraOffset, MarkVerifierOptions Verifier, IEvidenceWriter Evidence,
    string? SimulatedDevices = null, Func<string, string?>? OperatorOfJob = null, string? CalibrationId = null);
