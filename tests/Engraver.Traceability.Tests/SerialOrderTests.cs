using Engraver.Traceability.Audit;

namespace Engraver.Traceability.Tests;

public sealed class SerialOrderTests
{
    [Fact]
    public void Serials_sort_with_their_numbers_read_as_numbers()
    {
        string[] serials = ["SN-10", "SN-9", "SN-2", "A-1", "SN-02", "SN-100000000000000000000001", "SN-99", "SN-2b", "sn-1"];

        var sorted = serials.Order(SerialOrder.Instance).ToArray();

        Assert.Equal(["A-1", "SN-02", "SN-2", "SN-2b", "SN-9", "SN-10", "SN-99", "SN-100000000000000000000001", "sn-1"], sorted);
    }
}
