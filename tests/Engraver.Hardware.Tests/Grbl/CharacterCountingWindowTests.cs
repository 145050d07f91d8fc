using Engraver.Hardware.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

public sealed class CharacterCountingWindowTests
{
    [Fact]
    public void Lines_fit_until_the_window_would_overflow()
    {
        var window = new CharacterCountingWindow(127);
        window.Sent(60);
        window.Sent(60);

        Assert.True(window.CanSend(7));
        Assert.False(window.CanSend(8));
        Assert.Equal(120, window.InFlightBytes);
    }

    [Fact]
    public void Acknowledgement_frees_the_oldest_line_first()
    {
        var window = new CharacterCountingWindow(127);
        window.Sent(10);
        window.Sent(50);

        Assert.Equal(10, window.Acknowledge());
        Assert.Equal(50, window.InFlightBytes);
        Assert.Equal(1, window.InFlightLines);
    }

    [Fact]
    public void Sending_past_the_window_is_refused()
    {
        var window = new CharacterCountingWindow(127);
        window.Sent(100);

        Assert.Throws<InvalidOperationException>(() => window.Sent(28));
    }

    [Fact]
    public void A_line_larger_than_the_window_never_fits()
    {
        var window = new CharacterCountingWindow(127);

        Assert.False(window.Fits(128));
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Sent(128));
    }

    [Fact]
    public void Acknowledging_with_nothing_in_flight_is_an_error() =>
        Assert.Throws<InvalidOperationException>(() => new CharacterCountingWindow(127).Acknowledge());

    [FsCheck.Xunit.Property]
    public bool In_flight_bytes_never_exceed_the_window(byte[] lineLengths)
    {
        var window = new CharacterCountingWindow(127);
        foreach (var raw in lineLengths)
        {
            var length = (raw % 127) + 1;
            while (!window.CanSend(length))
            {
                window.Acknowledge();
            }

            window.Sent(length);
            if (window.InFlightBytes > 127)
            {
                return false;
            }
        }

        return true;
    }
}
