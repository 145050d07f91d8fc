using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Simulator.Camera;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Engraver.Service.Tests.Options;

public class MaterialOptionsTests
{
    [Fact]
    public void Unset_material_is_the_twins_default_material()
    {
        Assert.Equal(MaterialResponse.Default, new CameraOptions().Material.ToResponse());
    }

    [Fact]
    public void Material_keys_bind_under_camera()
    {
        var camera = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Camera:Material:ThresholdEnergy", "0.35"), new("Camera:Material:NominalEnergy", "0.45"), new("Camera:Material:OverburnEnergy", "0.5")])
            .Build().GetSection(CameraOptions.Section).Get<CameraOptions>()!;

        Assert.Equal(MaterialResponse.Default with { ThresholdEnergy = 0.35, NominalEnergy = 0.45, OverburnEnergy = 0.5 }, camera.Material.ToResponse());
    }

    [Fact]
    public void A_material_value_out_of_range_is_named_with_its_key()
    {
        var problem = Assert.Single(ConfigurationKeyCheck.Problems(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Camera:Material:HaloDarkness", "2")]).Build()));

        Assert.Equal(("Camera:Material:HaloDarkness", "out of range", "0..1"), (problem.Key, problem.Problem, problem.Allowed));
    }

    [Fact]
    public void Material_values_that_do_not_fit_together_stop_the_station_naming_the_key()
    {
        var options = new MaterialOptions { ThresholdEnergy = 0.9, NominalEnergy = 0.8 };

        var error = Assert.Throws<StationConfigurationException>(options.ToResponse);

        Assert.StartsWith("Camera:Material:NominalEnergy = 0.8: NominalEnergy must be above ThresholdEnergy (0.9)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coupon_keys_are_read_and_unset_by_default()
    {
        Assert.Null(new FixtureOptions().CouponXMm);
        Assert.Empty(ConfigurationKeyCheck.Problems(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Fixture:CouponXMm", "-60"), new("Fixture:CouponYMm", "-150")]).Build()));
    }
}
