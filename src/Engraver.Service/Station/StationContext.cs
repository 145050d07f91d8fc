using Engraver.Core.Geometry;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;

namespace Engraver.Service.Station;

/// <summary>The fixed facts a pin cycle needs besides the devices.</summary>
public sealed record StationContext(string StationId, string Operator, Point2 CameraOffset, MarkVerifierOptions Verifier, EvidenceWriter Evidence);
