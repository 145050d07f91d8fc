using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>Watches the controller's status reports while a pin is engraved and keeps every feed and laser power
/// override it reported ("Ov:"), so the pin's record can say when it was not engraved as its recipe is written.</summary>
public sealed class PinOverrideWatch : IDisposable
{
    private readonly GrblClient _controller;
    private readonly Lock _gate = new();
    private readonly List<OverridePercents> _seen = [];

    public PinOverrideWatch(GrblClient controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        controller.MessageReceived += OnMessage;
    }

    /// <summary>Asks the controller for a report now (the start and the end of the burn are always seen).</summary>
    public async Task LookAsync(CancellationToken cancellationToken) =>
        Add(OverridePercents.From(await _controller.QueryStatusAsync(cancellationToken).ConfigureAwait(false)));

    /// <summary>"feed 110%, power 95%", a range where it changed during the pin ("feed 100-110%"); null when every
    /// report said 100 % for both.</summary>
    public string? Text()
    {
        lock (_gate)
        {
            return Describe(_seen);
        }
    }

    public static string? Describe(IReadOnlyCollection<OverridePercents> seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var parts = new List<string>();
        Part("feed", seen.Select(s => s.FeedPercent).ToList());
        Part("power", seen.Select(s => s.PowerPercent).ToList());
        return parts.Count == 0 ? null : string.Join(", ", parts);

        void Part(string name, List<int> values)
        {
            if (values.All(v => v == 100))
            {
                return;
            }

            var (min, max) = (values.Min(), values.Max());
            parts.Add(min == max ? $"{name} {min}%" : $"{name} {min}-{max}%");
        }
    }

    public void Dispose() => _controller.MessageReceived -= OnMessage;

    private void OnMessage(object? sender, GrblMessage message)
    {
        if (message is GrblStatusReport report)
        {
            Add(OverridePercents.From(report));
        }
    }

    private void Add(OverridePercents? overrides)
    {
        if (overrides is null)
        {
            return;
        }

        lock (_gate)
        {
            _seen.Add(overrides);
        }
    }
}
