using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Api;

/// <summary>Turns a refused call into the API's problem JSON (401 without a valid key, 403 naming the role
/// needed) and logs it; a refused call reaches no endpoint, so it changes nothing and records no command.</summary>
public sealed partial class ApiAuthorizationResultHandler(ILogger<ApiAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged)
        {
            LogUnauthenticated(logger, context.Request.Method, context.Request.Path);
            await Results.Problem(
                title: "A valid API key is needed",
                detail: $"Send the header {ApiKeyAuthenticationHandler.Header} with the key of a user configured in Api:Users.",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var user = context.User.Identity?.Name ?? "?";
            var role = context.User.FindFirstValue(ClaimTypes.Role) ?? "?";
            var needed = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles).ToList();
            var neededText = needed.Count == 0 ? "another role" : "the " + string.Join(" or ", needed) + " role";
            LogForbidden(logger, context.Request.Method, context.Request.Path, user, role, neededText);
            await Results.Problem(
                title: "Role too low",
                detail: $"{context.Request.Method} {context.Request.Path} needs {neededText}; {user} has the {role} role.",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: no valid API key")]
    private static partial void LogUnauthenticated(ILogger logger, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} to {User} ({Role}): needs {Needed}")]
    private static partial void LogForbidden(ILogger logger, string method, string path, string user, string role, string needed);
}
