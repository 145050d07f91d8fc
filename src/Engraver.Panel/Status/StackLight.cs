using Engraver.Core.Station;

namespace Engraver.Panel.Status;

public enum StackLightColour
{
    Green,
    Amber,
    Red,
}

/// <summary>What the station's stack light shows, and the words the panel's banner puts beside it:
/// green while it works or waits ready, amber when it waits for a person, red when it is stopped by a fault.</summary>
public static class StackLight
{
    public static StackLightColour For(StationState state) => state switch
    {
        StationState.Idle or StationState.Running or StationState.Positioning or StationState.Focusing
            or StationState.Engraving or StationState.Verifying or StationState.Recording => StackLightColour.Green,
        StationState.Disconnected or StationState.Connecting or StationState.Homing or StationState.Paused
            or StationState.SafetyHold or StationState.NeedsInspection => StackLightColour.Amber,
        StationState.Alarm or StationState.EStop or StationState.Faulted => StackLightColour.Red,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "No stack light colour for this state."),
    };

    public static string Banner(StationState state) => state switch
    {
        StationState.Disconnected => "Not connected to the laser controller; reconnecting",
        StationState.Connecting => "Connecting to the laser controller",
        StationState.Homing => "Homing",
        StationState.Idle => "Ready",
        StationState.Running or StationState.Positioning => "Moving to the next pin",
        StationState.Focusing => "Focusing",
        StationState.Engraving => "Engraving",
        StationState.Verifying => "Checking the mark",
        StationState.Recording => "Writing the record",
        StationState.Paused => "Paused by the operator",
        StationState.SafetyHold => "Door open: laser off. Close the door and press Resume",
        StationState.Alarm => "Controller alarm: unlock and home",
        StationState.EStop => "Emergency stop pressed",
        StationState.Faulted => "Link to the controller lost",
        StationState.NeedsInspection => "A pin needs inspection before the station goes on",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "No banner for this state."),
    };
}
