using Engraver.Core.Microstamp;

namespace Engraver.Core.Tests.Microstamp;

public sealed class GaloisField256Tests
{
    [Fact]
    public void Two_to_the_eighth_reduces_by_the_primitive_polynomial() =>
        Assert.Equal(0x1D, GaloisField256.Power(8));

    [Fact]
    public void Powers_of_two_visit_every_non_zero_element_once()
    {
        var seen = Enumerable.Range(0, 255).Select(GaloisField256.Power).ToHashSet();

        Assert.Equal(255, seen.Count);
        Assert.DoesNotContain((byte)0, seen);
    }

    [Fact]
    public void Every_non_zero_element_times_its_inverse_is_one()
    {
        for (var a = 1; a < 256; a++)
        {
            Assert.Equal(1, GaloisField256.Multiply((byte)a, GaloisField256.Inverse((byte)a)));
        }
    }

    [Fact]
    public void Known_products_match_carry_less_multiplication_mod_0x11D()
    {
        Assert.Equal(0x8F, GaloisField256.Multiply(0x53, 0xCA));
        Assert.Equal(0x01, GaloisField256.Multiply(0x8E, 0x02));
        Assert.Equal(0, GaloisField256.Multiply(0, 0xCA));
    }

    [Fact]
    public void Division_by_zero_is_refused() =>
        Assert.Throws<DivideByZeroException>(() => GaloisField256.Divide(3, 0));
}
