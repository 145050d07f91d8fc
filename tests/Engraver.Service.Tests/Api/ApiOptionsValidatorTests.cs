using Engraver.Service.Api;
using Engraver.Service.Hosting;
using Engraver.Service.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Engraver.Service.Tests.Api;

public class ApiOptionsValidatorTests
{
    private static readonly string Hash = ApiKeyHash.Create("validator-key-00001", 10_000).ToString();

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://127.0.0.1:5080;http://192.168.1.20:5080")]
    [InlineData("http://station-1.factory.local:5080")]
    public void Binding_beyond_loopback_without_users_is_refused_naming_both_keys(string urls)
    {
        var result = new ApiOptionsValidator().Validate(null, new ApiOptions { Urls = urls });

        Assert.True(result.Failed);
        Assert.Contains("Api:Urls", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Api:Users", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void Loopback_without_users_is_allowed(string urls)
    {
        Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions { Urls = urls }).Succeeded);
    }

    [Fact]
    public void A_user_id_holding_a_control_character_is_refused_naming_the_key()
    {
        var options = new ApiOptions { Users = [new() { Id = "ali\u001Bce", Role = "Operator", KeyHash = Hash }] };

        var result = new ApiOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Api:Users:0:Id holds the ESC character U+001B at character 4", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_beyond_loopback_with_users_is_allowed()
    {
        var options = new ApiOptions { Urls = "http://0.0.0.0:5080", Users = [new() { Id = "alice", Role = "Operator", KeyHash = Hash }] };

        Assert.True(new ApiOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "https://192.168.1.20:5443")]
    [InlineData("urls", "http://*:5080")]
    public void Any_other_listen_address_beyond_loopback_without_users_is_refused_naming_its_key(string key, string url)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, (string?)url)]).Build();

        var result = new ApiOptionsValidator(configuration).Validate(null, new ApiOptions());

        Assert.True(result.Failed);
        Assert.Contains($"{key} binds {url}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kestrel_endpoint_on_loopback_without_users_is_allowed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Kestrel:Endpoints:Http:Url", (string?)"http://localhost:5081")]).Build();

        Assert.True(new ApiOptionsValidator(configuration).Validate(null, new ApiOptions()).Succeeded);
    }

    [Fact]
    public void A_user_with_an_unknown_role_and_a_clear_key_is_refused_naming_each_key()
    {
        var options = new ApiOptions { Users = [new() { Id = "alice", Role = "Admin", KeyHash = "secret" }] };

        var result = new ApiOptionsValidator().Validate(null, options);

        Assert.Contains("Api:Users:0:Role 'Admin'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Api:Users:0:KeyHash", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_users_with_one_id_are_refused()
    {
        var options = new ApiOptions
        {
            Users = [new() { Id = "alice", Role = "Operator", KeyHash = Hash }, new() { Id = "Alice", Role = "QA", KeyHash = Hash }],
        };

        Assert.Contains("Api:Users:1:Id 'Alice'", new ApiOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_does_not_start_on_a_public_address_without_users()
    {
        using var host = EngraverHost.CreateBuilder([], new Dictionary<string, string?> { ["Api:Urls"] = "http://0.0.0.0:0" }).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var failure = await Record.ExceptionAsync(() => host.StartAsync(timeout.Token));

        Assert.NotNull(failure);
        Assert.Contains("Api:Urls", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Api:Users", failure.Message, StringComparison.Ordinal);
    }
}
