using Engraver.Core.Identity;
using Engraver.Core.Jobs;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.Jobs;

/// <summary>Ranges seen through the parser (the entry type itself is internal).</summary>
public sealed class SerialEntryTests
{
    private static readonly JobFileRules Rules = new(new IdentityValidator(), new HashSet<string>(StringComparer.Ordinal) { "default" });

    [Property(MaxTest = 200)]
    public Property Range_expands_to_every_number_in_order_with_the_same_width(PositiveInt start, byte length)
    {
        var first = start.Get % 90_000;
        var last = first + length;
        var range = $"A{first:D6}-A{last:D6}";

        var serials = Parse(range);

        var expected = Enumerable.Range(first, length + 1).Select(n => $"A{n:D6}").ToArray();
        return serials.SequenceEqual(expected).Label(range);
    }

    [Theory]
    [InlineData("SN-0001", "SN-0001")]
    [InlineData("SN-0001-SN-0003", "SN-0001 SN-0002 SN-0003")]
    [InlineData("A9-A9", "A9")]
    [InlineData("=12-34", "12-34")]
    [InlineData("0998-1000", "0998 0999 1000")]
    public void Dash_splits_into_a_range_only_between_two_numbers(string entry, string expected)
    {
        Assert.Equal(expected.Split(' '), Parse(entry));
    }

    private static IReadOnlyList<string> Parse(string entry)
    {
        var result = JobFileParser.ParseJson("t.json", $"{{\"make\":\"A\",\"model\":\"B\",\"pinLot\":\"L\",\"recipe\":\"default\",\"serials\":[\"{entry}\"]}}", Rules);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Job!.Serials;
    }
}
