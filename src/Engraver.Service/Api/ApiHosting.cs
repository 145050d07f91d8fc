using System.Text.Json.Serialization;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>Adds the local API to the host: URLs from Api:Urls, the Host header check, problem JSON for every
/// error, API-key authentication behind a throttle on unknown keys, one authorization policy per role, camelCase
/// JSON with enums as names, the station health checks, and the routes (through a startup filter, so every host
/// built from <see cref="Hosting.EngraverHost"/> serves them).</summary>
public static class ApiHosting
{
    public static void AddEngraverApi(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var urls = builder.Configuration[$"{ApiOptions.Section}:{nameof(ApiOptions.Urls)}"] ?? ApiOptions.DefaultUrls;
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var services = builder.Services;
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<ApiKeyMatcher>();
        services.AddSingleton<ApiUserDirectory>();
        // Ahead of the framework's writer, so a problem is JSON whatever the client's Accept header lists.
        services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, ProblemJsonWhateverAccepted>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblemDetails.Customize);
        services.AddRateLimiter(KeyAttemptThrottle.Configure);
        services.AddSingleton<HostHeaderCheck>();
        // The API's own host check answers in problem JSON; the framework's filter (an HTML page) stands aside.
        services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
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
            app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ApiProblemDetails.StatusFor });
            app.UseStatusCodePages();
            var hosts = app.ApplicationServices.GetRequiredService<HostHeaderCheck>();
            app.Use((context, nextMiddleware) => hosts.InvokeAsync(context, nextMiddleware));
            app.UseRouting();
            app.UseRateLimiter();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseEndpoints(endpoints => endpoints.MapEngraverApi());
            next(app);
        };
    }
}
