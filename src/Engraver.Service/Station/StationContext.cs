using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;

namespace Engraver.Service.Station;

/// <summary>The fixed facts a pin cycle needs besides the devices. <paramref name="Travel"/>, when given,
/// is checked against every position the tray asks for before a batch starts.</summary>
public sealed record StationContext(string StationId, string Operator, Point2 CameraOffset, MarkVerifierOptions Verifier, IEvidenceWriter Evidence, SoftLimits? Travel = null);
