namespace Engraver.Traceability.Audit;

/// <summary>Orders serials as a person reads them: runs of digits by their number, so SN-2 comes before SN-10;
/// everything else, and a tie (SN-02 and SN-2), by ordinal comparison, so the order is the same on every machine.</summary>
public sealed class SerialOrder : IComparer<string>
{
    public static SerialOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var (xStart, yStart) = (i, j);
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var byNumber = CompareNumbers(x.AsSpan(xStart, i - xStart), y.AsSpan(yStart, j - yStart));
                if (byNumber != 0)
                {
                    return byNumber;
                }

                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    /// <summary>Two runs of digits by value, however long they are (no overflow): leading zeros off, then the
    /// longer run is the larger number, and runs of one length compare digit by digit.</summary>
    private static int CompareNumbers(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        x = x.TrimStart('0');
        y = y.TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
    }
}
