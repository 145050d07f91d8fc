using Engraver.Core.Station;
using Engraver.Panel.Status;

// The console panel is a client of the service's local API; until the service exposes it, the panel
// prints the stack-light legend operators see on the station.
foreach (var state in Enum.GetValues<StationState>())
{
    Console.WriteLine($"{StackLight.For(state),-6} {state,-16} {StackLight.Banner(state)}");
}
