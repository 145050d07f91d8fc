using System.Text.Json.Serialization;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>Adds the local API to the host: URLs from Api:Urls, API-key authentication, one authorization
/// policy per role, camelCase JSON with enums as names, the station health checks, and the routes (through a
/// startup filter, so every host built from <see cref="Hosting.EngraverHost"/> serves them).</summary>
public static class ApiHosting
{
    public static void AddEngraverApi(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var urls = builder.Configuration[$"{ApiOptions.Section}:{nameof(ApiOptions.Urls)}"] ?? ApiOptions.DefaultUrls;
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var services = builder.Services;
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<ApiUserDirectory>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.AnyUser, p => p.RequireAuthenticatedUser())
            .AddPolicy(ApiPolicies.Operator, p => p.RequireRole(ApiPolicies.RolesFor(ApiPolicies.Operator)))
            .AddPolicy(ApiPolicies.Supervisor, p => p.RequireRole(ApiPolicies.RolesFor(ApiPolicies.Supervisor)))
            .AddPolicy(ApiPolicies.Audit, p => p.RequireRole(ApiPolicies.RolesFor(ApiPolicies.Audit)));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.AddSingleton<StationRuntime>();
        services.AddSingleton<StatusSnapshotBuilder>();
        services.AddSingleton<ApiCommandRunner>();
        services.AddHealthChecks()
            .AddCheck<ControllerHealthCheck>("controller")
            .AddCheck<CameraHealthCheck>("camera")
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<InterlocksHealthCheck>("interlocks")
            .AddCheck<StationHealthCheck>("station")
            .AddCheck<SimulationHealthCheck>("simulation");
        services.AddTransient<IStartupFilter, ApiStartupFilter>();
    }

    private sealed class ApiStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseEndpoints(endpoints => endpoints.MapEngraverApi());
            next(app);
        };
    }
}
