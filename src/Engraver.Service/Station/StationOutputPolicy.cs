using Engraver.Core.Station;
using Engraver.Hardware.Gpio;

namespace Engraver.Service.Station;

/// <summary>What every output should be in a machine state. Laser-enable comes only from the machine's
/// <see cref="StationStateMachine.LaserEnableAllowed"/>; the rest tell the operator and run the utilities.</summary>
public static class StationOutputPolicy
{
    public static IReadOnlyDictionary<StationOutput, bool> For(StationStateMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var state = machine.State;
        var running = machine.IsIn(StationState.Running);
        var stopped = state is StationState.Alarm or StationState.EStop or StationState.Faulted or StationState.NeedsInspection;
        return new Dictionary<StationOutput, bool>
        {
            [StationOutput.LaserEnable] = machine.LaserEnableAllowed,
            [StationOutput.Clamp] = running || state == StationState.Idle,
            [StationOutput.AirAssist] = running && state != StationState.SafetyHold,
            [StationOutput.FumeExtractor] = running,
            [StationOutput.StackLightGreen] = running && state != StationState.SafetyHold,
            [StationOutput.StackLightAmber] = state is StationState.Disconnected or StationState.Idle or StationState.Paused or StationState.SafetyHold or StationState.Homing or StationState.Connecting,
            [StationOutput.StackLightRed] = stopped,
            [StationOutput.Buzzer] = state is StationState.EStop or StationState.NeedsInspection,
        };
    }
}
