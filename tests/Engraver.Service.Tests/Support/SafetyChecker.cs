using Engraver.Core.Station;
using Engraver.Hardware.Gpio;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Tests.Support;

/// <summary>The safety invariants, checked from outside the machine: on the wires (laser-enable relay,
/// door and e-stop inputs), on the controller's realtime bytes, and on the transitions taken. Homing is
/// tracked independently of the machine's own flag, and so is the operator's Start.</summary>
internal sealed class SafetyChecker(LoopStation station)
{
    private bool _homed;
    private bool _started;

    public List<string> Violations { get; } = [];

    public int DoorStops { get; private set; }

    public void OnTransition(StationTransition transition)
    {
        if (transition.To == StationState.Idle && transition.Trigger == StationTrigger.Homed)
        {
            _homed = true;
        }
        else if (transition.To is StationState.Homing or StationState.Alarm or StationState.EStop or StationState.Faulted or StationState.NeedsInspection
            or StationState.Connecting or StationState.Disconnected)
        {
            _homed = false;
            _started = false;
        }
        else if (transition.Trigger == StationTrigger.Start && _homed)
        {
            _started = true;
        }

        if (transition.From == StationState.Idle && transition.To == StationState.Positioning && !_started)
        {
            Violations.Add("a pin started without the operator's Start since the last homing");
        }

        if (transition.To == StationState.Engraving && !_homed)
        {
            Violations.Add($"reached Engraving from {transition.From} without homing since the last reset or alarm");
        }

        if (transition.To == StationState.Engraving && (!station.Wiring.IsSet(StationInput.DoorClosed) || !station.Wiring.IsSet(StationInput.EStopOk)))
        {
            Violations.Add("reached Engraving with the door open or the e-stop pressed");
        }

        if (transition.From == StationState.Engraving && transition.To == StationState.SafetyHold)
        {
            DoorStops++;
        }
    }

    public void CheckStep(object stationEvent, int sentBefore, int doorStopsBefore)
    {
        var laser = station.Wiring.IsOn(StationOutput.LaserEnable);
        if (laser && !station.Wiring.IsSet(StationInput.DoorClosed))
        {
            Violations.Add($"laser-enable on with the door open after {stationEvent}");
        }

        if (laser && !station.Wiring.IsSet(StationInput.EStopOk))
        {
            Violations.Add($"laser-enable on with the e-stop pressed after {stationEvent}");
        }

        if (laser && station.Machine.State != StationState.Engraving)
        {
            Violations.Add($"laser-enable on in {station.Machine.State} after {stationEvent}");
        }

        if (DoorStops > doorStopsBefore)
        {
            var sent = station.Controller.Sent.Skip(sentBefore).ToList();
            if (!sent.Contains(GrblRealtime.SafetyDoor) || !sent.Contains(GrblRealtime.FeedHold))
            {
                Violations.Add($"the door opened during Engraving but the controller got [{string.Join(", ", sent)}] in the same step");
            }
        }
    }
}
