using Engraver.Core.Microstamp;

namespace Engraver.Core.Tests.Microstamp;

public sealed class ReedSolomonTests
{
    // QR code 1-M "HELLO WORLD": 16 data codewords and their 10 error-correction codewords, as
    // published in the QR code tutorial at thonky.com and reproduced by every QR encoder.
    private static readonly byte[] QrData = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    private static readonly byte[] QrParity = [196, 35, 39, 119, 235, 215, 231, 226, 93, 23];

    [Fact]
    public void Parity_matches_the_published_QR_code_vector() =>
        Assert.Equal(QrParity, new ReedSolomon(10).Parity(QrData));

    [Fact]
    public void Encode_puts_the_parity_after_the_data() =>
        Assert.Equal([.. QrData, .. QrParity], new ReedSolomon(10).Encode(QrData));

    [Fact]
    public void Five_errors_in_the_QR_vector_are_corrected()
    {
        var received = new ReedSolomon(10).Encode(QrData);
        foreach (var position in new[] { 0, 5, 11, 17, 25 })
        {
            received[position] ^= 0x5A;
        }

        var ok = new ReedSolomon(10).TryCorrect(received, [], out var corrected);

        Assert.True(ok);
        Assert.Equal(5, corrected);
        Assert.Equal([.. QrData, .. QrParity], received);
    }

    [Fact]
    public void Ten_erasures_in_the_QR_vector_are_restored()
    {
        var received = new ReedSolomon(10).Encode(QrData);
        int[] erased = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        foreach (var position in erased)
        {
            received[position] = 0xFF;
        }

        Assert.True(new ReedSolomon(10).TryCorrect(received, erased, out var corrected));
        Assert.Equal(0, corrected);
        Assert.Equal([.. QrData, .. QrParity], received);
    }

    [Fact]
    public void Errors_and_erasures_together_up_to_the_parity_are_corrected()
    {
        var code = new ReedSolomon(10);
        var received = code.Encode(QrData);
        int[] erased = [3, 4, 20, 21];
        foreach (var position in erased)
        {
            received[position] ^= 0x11;
        }

        received[9] ^= 0x80;
        received[14] ^= 0x01;
        received[25] ^= 0xFF;

        Assert.True(code.TryCorrect(received, erased, out var corrected));
        Assert.Equal(3, corrected);
        Assert.Equal([.. QrData, .. QrParity], received);
    }

    [Fact]
    public void Six_errors_with_ten_parity_symbols_are_not_passed_off_as_a_codeword()
    {
        var code = new ReedSolomon(10);
        var received = code.Encode(QrData);
        var damaged = (byte[])received.Clone();
        foreach (var position in new[] { 0, 4, 8, 12, 16, 20 })
        {
            damaged[position] ^= 0x33;
        }

        var before = (byte[])damaged.Clone();
        var ok = code.TryCorrect(damaged, [], out _);

        // Beyond the code's power the decoder may fail or land on another codeword, never the sent one.
        Assert.NotEqual(received, damaged);
        if (!ok)
        {
            Assert.Equal(before, damaged);
        }
    }

    [Fact]
    public void More_erasures_than_parity_symbols_are_refused()
    {
        var code = new ReedSolomon(10);
        var received = code.Encode(QrData);

        Assert.False(code.TryCorrect(received, Enumerable.Range(0, 11).ToArray(), out _));
    }

    [Fact]
    public void Clean_codeword_needs_no_correction()
    {
        var received = new ReedSolomon(10).Encode(QrData);

        Assert.True(new ReedSolomon(10).TryCorrect(received, [], out var corrected));
        Assert.Equal(0, corrected);
    }
}
