namespace Engraver.Panel.Api;

public enum FeedConnectionKind
{
    /// <summary>Opening the event stream.</summary>
    Connecting,

    /// <summary>The stream is open and status arrives.</summary>
    Live,

    /// <summary>The stream failed or ended; the feed waits <see cref="FeedConnection.RetryIn"/> and tries again.</summary>
    Lost,
}

/// <summary>How the panel's live link to the service stands, in words the screen can show.</summary>
public sealed record FeedConnection(FeedConnectionKind Kind, TimeSpan RetryIn, string? Why)
{
    public static FeedConnection Connecting { get; } = new(FeedConnectionKind.Connecting, TimeSpan.Zero, null);

    public static FeedConnection Live { get; } = new(FeedConnectionKind.Live, TimeSpan.Zero, null);

    public static FeedConnection Lost(TimeSpan retryIn, string why) => new(FeedConnectionKind.Lost, retryIn, why);

    public string Describe() => Kind switch
    {
        FeedConnectionKind.Connecting => "Connecting to the service",
        FeedConnectionKind.Live => "Live",
        _ => $"Connection lost, retrying in {Math.Max(1, (int)Math.Ceiling(RetryIn.TotalSeconds))} s" + (Why is null ? string.Empty : $" ({Why})"),
    };
}

/// <summary>One thing the live feed has to say: a new status, or a change in the connection.</summary>
public abstract record FeedUpdate
{
    private FeedUpdate()
    {
    }

    public sealed record Status(StatusSnapshot Snapshot) : FeedUpdate;

    public sealed record Connection(FeedConnection State) : FeedUpdate;
}
