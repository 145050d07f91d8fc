using Engraver.Core.Station;
using Engraver.Panel.Status;
using Xunit;

namespace Engraver.Panel.Tests;

public class StackLightTests
{
    [Theory]
    [InlineData(StationState.Engraving, StackLightColour.Green)]
    [InlineData(StationState.Idle, StackLightColour.Green)]
    [InlineData(StationState.SafetyHold, StackLightColour.Amber)]
    [InlineData(StationState.NeedsInspection, StackLightColour.Amber)]
    [InlineData(StationState.Alarm, StackLightColour.Red)]
    [InlineData(StationState.EStop, StackLightColour.Red)]
    public void Each_state_lights_the_colour_operators_expect(StationState state, StackLightColour colour)
    {
        Assert.Equal(colour, StackLight.For(state));
    }

    [Fact]
    public void Every_state_has_a_colour_and_a_banner()
    {
        foreach (var state in Enum.GetValues<StationState>())
        {
            _ = StackLight.For(state);
            Assert.False(string.IsNullOrWhiteSpace(StackLight.Banner(state)));
        }
    }

    [Fact]
    public void The_door_banner_tells_the_operator_what_to_do()
    {
        Assert.Contains("Close the door", StackLight.Banner(StationState.SafetyHold), StringComparison.Ordinal);
    }
}
