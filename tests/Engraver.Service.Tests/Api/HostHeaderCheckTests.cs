using Engraver.Service.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Engraver.Service.Tests.Api;

public class HostHeaderCheckTests
{
    private static HostHeaderCheck Check(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("localhost:5080")]
    [InlineData("[::1]:5080")]
    public void A_loopback_api_is_served_under_the_loopback_names(string host) =>
        Assert.True(Check(("Api:Urls", "http://127.0.0.1:5080")).Allows(new HostString(host)));

    [Theory]
    [InlineData("rebound.example.com:5080")]
    [InlineData("192.168.1.20:5080")]
    [InlineData("")]
    public void A_loopback_api_refuses_any_other_host(string host) =>
        Assert.False(Check(("Api:Urls", "http://127.0.0.1:5080")).Allows(new HostString(host)));

    [Fact]
    public void A_wildcard_address_allows_any_host() =>
        Assert.True(Check(("Api:Urls", "http://0.0.0.0:5080")).Allows(new HostString("station-1.plant.local")));

    [Fact]
    public void A_named_address_allows_its_name() =>
        Assert.True(Check(("Api:Urls", "http://127.0.0.1:5080;http://station-1.plant.local:5080")).Allows(new HostString("station-1.plant.local:5080")));

    [Fact]
    public void Allowed_hosts_when_set_decide()
    {
        var check = Check(("Api:Urls", "http://127.0.0.1:5080"), ("AllowedHosts", "panel.plant.local"));

        Assert.True(check.Allows(new HostString("panel.plant.local:5080")));
        Assert.False(check.Allows(new HostString("127.0.0.1:5080")));
    }
}
