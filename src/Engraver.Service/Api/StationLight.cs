using System.Text.Json.Serialization;
using Engraver.Core.Station;

namespace Engraver.Service.Api;

/// <summary>The stack light's colour, as the status gives it to the panel's banner (by name in JSON).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StationLight>))]
public enum StationLight
{
    /// <summary>Working, or ready with nothing needed from a person (waiting for a job).</summary>
    Green,

    /// <summary>Waiting for a person: the status names the next action.</summary>
    Amber,

    /// <summary>Stopped by a fault: e-stop pressed, controller alarm, faulted.</summary>
    Red,
}

/// <summary>Picks the light from the state and the next action. Any next action outside a fault is amber,
/// whatever step it asks for, so a new step that needs a person is amber without a rule of its own.</summary>
public static class StationLightRule
{
    public static StationLight For(StationState state, bool eStopReleased, string? nextAction) => state switch
    {
        StationState.EStop when !eStopReleased => StationLight.Red,
        StationState.Alarm or StationState.Faulted => StationLight.Red,
        _ when nextAction is not null => StationLight.Amber,
        StationState.EStop or StationState.Disconnected or StationState.Connecting or StationState.Paused
            or StationState.SafetyHold or StationState.NeedsInspection => StationLight.Amber,
        _ => StationLight.Green,
    };
}
