namespace Engraver.Panel.Api;

/// <summary>How long the live feed waits before each new try: doubling from <see cref="First"/> up to
/// <see cref="Max"/>, back to the start once a connection has delivered status.</summary>
public sealed record ReconnectBackoff(TimeSpan First, TimeSpan Max)
{
    public static ReconnectBackoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    public TimeSpan Delay(int failuresInARow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failuresInARow);
        var factor = Math.Pow(2, Math.Min(failuresInARow, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(First.Ticks * factor, Max.Ticks));
        return delay < First ? First : delay;
    }
}
