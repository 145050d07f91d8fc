using Engraver.Core.Station;
using Engraver.Hardware.Gpio;
using Engraver.Service.Station;
using Engraver.Simulator.Gpio;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engraver.Service.Tests.Support;

/// <summary>The real state machine and station loop over simulated GPIO (no debounce, so an edge is
/// handled by the next sync) and a recording controller.</summary>
internal sealed class LoopStation : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopStation()
    {
        var map = StationIoMap.Default(debounceMs: 0);
        Wiring = new SimulatedStationIo(map);
        Io = new StationIo(map, Wiring.DriverFor);
        Machine = new StationStateMachine();
        Loop = new StationLoop(Machine, Io, NullLogger.Instance);
        _loop = Loop.RunAsync(_stop.Token);
    }

    public SimulatedStationIo Wiring { get; }

    public StationIo Io { get; }

    public StationStateMachine Machine { get; }

    public StationLoop Loop { get; }

    public RecordingRealtime Controller { get; } = new();

    public static async Task<LoopStation> StartAsync()
    {
        var station = new LoopStation();
        await station.Loop.AttachControllerAsync(station.Controller, CancellationToken.None);
        return station;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(_loop);
        Io.Dispose();
        _stop.Dispose();
    }
}
