using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engraver.Service.Api;

/// <summary>The routes of the local API (see the README's API section for the table).</summary>
public static class ApiEndpoints
{
    public static void MapEngraverApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api").RequireAuthorization(ApiPolicies.AnyUser);
        api.MapGet("/whoami", (ClaimsPrincipal user) => new { user = user.Identity?.Name, role = user.FindFirstValue(ClaimTypes.Role) });
        api.MapGet("/status", (StatusSnapshotBuilder builder) => builder.Build());
        api.MapGet("/events", EventStream.RunAsync);
        StationCommandEndpoints.Map(api);
        PinResolveEndpoint.Map(api);
        AuditExportEndpoint.Map(api);
        JobEndpoints.Map(api);
        SimulatorEndpoints.Map(api);

        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
    }

    /// <summary>{ "status": "...", "checks": [{ "name", "status", "description" }] }.</summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
