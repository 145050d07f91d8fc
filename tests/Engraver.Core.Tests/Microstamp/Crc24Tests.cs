using System.Text;
using Engraver.Core.Microstamp;

namespace Engraver.Core.Tests.Microstamp;

public sealed class Crc24Tests
{
    [Fact]
    public void Check_value_of_123456789_is_the_published_0x21CF02() =>
        Assert.Equal(0x21CF02, Crc24.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Empty_input_gives_the_initial_value() =>
        Assert.Equal(0xB704CE, Crc24.Compute([]));

    [Fact]
    public void All_zero_payload_does_not_check_out_as_zero() =>
        Assert.NotEqual(0, Crc24.Compute(new byte[20]));
}
