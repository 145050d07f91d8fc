using Engraver.Core.Geometry;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;

namespace Engraver.Service.Station;

/// <summary>The fixed facts a pin cycle needs besides the devices. The machine's travel is not among them:
/// it is the connected controller's (<see cref="StationRig.Travel"/>).</summary>
public sealed record StationContext(string StationId, string Operator, Point2 CameraOffset, MarkVerifierOptions Verifier, EvidenceWriter Evidence);
