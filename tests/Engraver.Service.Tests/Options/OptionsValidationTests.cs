using Engraver.Service.Hosting;
using Engraver.Service.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Engraver.Service.Tests.Options;

public class OptionsValidationTests
{
    private static async Task<Exception> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var host = EngraverHost.CreateBuilder([], settings).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var failure = await Record.ExceptionAsync(() => host.StartAsync(timeout.Token));
        Assert.NotNull(failure);
        return failure;
    }

    [Fact]
    public async Task An_unknown_key_stops_the_service_at_start_naming_the_key()
    {
        var failure = await StartFailureAsync(new() { ["Controller:BaudRat"] = "9600" });

        Assert.Contains("BaudRat", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_top_level_section_stops_the_service_at_start_naming_it_and_the_section_meant()
    {
        var failure = await StartFailureAsync(new() { ["Record:HmacKey"] = "a-key-meant-for-the-records" });

        Assert.Contains("'Record'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean Records?", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ServiceExitCodes.ConfigurationInvalid, ServiceExitCodes.For(failure));
    }

    [Fact]
    public async Task A_kestrel_endpoint_beyond_loopback_without_users_stops_the_service_naming_the_key()
    {
        var failure = await StartFailureAsync(new() { ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:0" });

        Assert.Contains("Kestrel:Endpoints:Http:Url binds http://0.0.0.0:0", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ServiceExitCodes.ConfigurationInvalid, ServiceExitCodes.For(failure));
    }

    [Fact]
    public void The_urls_setting_and_aspnetcore_urls_are_replaced_by_the_api_urls()
    {
        using var host = EngraverHost.CreateBuilder(["--urls=http://0.0.0.0:5999"], new Dictionary<string, string?> { ["Api:Urls"] = "http://127.0.0.1:5998" }).Build();

        Assert.Equal("http://127.0.0.1:5998", host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["urls"]);
    }

    [Fact]
    public async Task A_value_out_of_range_stops_the_service_at_start_naming_the_key()
    {
        var failure = await StartFailureAsync(new() { ["Controller:BaudRate"] = "12" });

        Assert.Contains("BaudRate", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_stops_the_service_at_start_naming_the_key()
    {
        var failure = await StartFailureAsync(new() { ["Fixture:Rows"] = "two" });

        Assert.Contains("Rows", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_the_station_io_board_does_not_have_stops_the_service_with_the_configuration_exit_code()
    {
        var failure = await StartFailureAsync(new() { ["StationIo:Driver"] = "Mcp23017", ["StationIo:Inputs:DoorClosed:Line"] = "20" });

        Assert.Contains("StationIo:Inputs:DoorClosed:Line = 20: the Mcp23017 has lines 0..15", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ServiceExitCodes.ConfigurationInvalid, ServiceExitCodes.For(failure));
    }

    [Fact]
    public async Task An_unknown_station_io_driver_stops_the_service_naming_the_key()
    {
        var failure = await StartFailureAsync(new() { ["StationIo:Driver"] = "Mcp23018" });

        Assert.Contains("StationIo:Driver", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(ServiceExitCodes.ConfigurationInvalid, ServiceExitCodes.For(failure));
    }

    [Fact]
    public async Task A_bad_station_id_is_refused_with_its_rule()
    {
        var failure = await StartFailureAsync(new() { ["Station:Id"] = "station 1; drop" });

        Assert.Contains("Station:Id", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_gpio_line_is_refused_naming_its_key()
    {
        var failure = await StartFailureAsync(new() { ["StationIo:Inputs:DoorClosed:Line"] = "-3" });

        Assert.Contains("StationIo:Inputs:DoorClosed:Line", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_signals_on_one_gpio_line_are_refused_naming_both_keys()
    {
        var failure = await StartFailureAsync(new() { ["StationIo:Outputs:Buzzer:Line"] = "10" });

        Assert.Contains("StationIo:Outputs:LaserEnable and StationIo:Outputs:Buzzer share gpiochip0 line 10", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_io_key_is_refused()
    {
        var failure = await StartFailureAsync(new() { ["StationIo:Inputs:DoorClosed:ActiveLo"] = "true" });

        Assert.Contains("ActiveLo", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_fixture_origins_and_focus_are_accepted()
    {
        using var host = EngraverHost.CreateBuilder([], new Dictionary<string, string?> { ["Fixture:OriginXMm"] = "-180.5", ["Fixture:OriginYMm"] = "-190", ["Fixture:FocusZMm"] = "-12" }).Build();

        var fixture = host.Services.GetRequiredService<IOptions<FixtureOptions>>().Value;

        Assert.Equal((-180.5, -190.0, -12.0), (fixture.OriginXMm, fixture.OriginYMm, fixture.FocusZMm));
    }

    [Fact]
    public void The_default_fixture_lies_in_grbl_negative_machine_space()
    {
        using var host = EngraverHost.CreateBuilder([], new Dictionary<string, string?>()).Build();

        var fixture = host.Services.GetRequiredService<IOptions<FixtureOptions>>().Value;

        Assert.True(fixture.OriginXMm < 0 && fixture.OriginYMm < 0 && fixture.FocusZMm < 0);
    }

    [Theory]
    [InlineData("Fixture:TravelMinXMm")]
    [InlineData("Fixture:TravelMaxYMm")]
    public async Task Travel_keys_are_gone_the_controller_gives_the_travel(string key)
    {
        var failure = await StartFailureAsync(new() { [key] = "-100" });

        Assert.Contains(key.Split(':')[1], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_key_is_gone_records_name_who_pressed_start()
    {
        var failure = await StartFailureAsync(new() { ["Station:Operator"] = "night shift" });

        Assert.Contains("Operator", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unattended_start_is_off_unless_set()
    {
        Assert.False(new StationOptions().UnattendedStart);
    }
}
