using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Engraver.Service.Api;

/// <summary>Every error answer of the API is problem JSON with a title, a detail and the status: the answers the
/// framework writes with no body (a route that does not exist, a method a route does not take, a body that cannot
/// be bound, a body too large) get a detail saying what was wrong with the request.</summary>
public static class ApiProblemDetails
{
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        if (context.Exception is BadHttpRequestException bad)
        {
            problem.Detail ??= bad.Message;
        }

        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status400BadRequest => $"{request.Method} {request.Path} could not be read: check the parameters and the body against the README's API section.",
            StatusCodes.Status404NotFound => $"There is no route {request.Path}; the routes are listed in the README's API section.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}.",
            StatusCodes.Status413PayloadTooLarge => $"The body of {request.Method} {request.Path} is larger than the API accepts.",
            StatusCodes.Status415UnsupportedMediaType => $"{request.Method} {request.Path} does not take a body of type '{request.ContentType}'; send application/json.",
            StatusCodes.Status500InternalServerError => "The service failed to answer; the reason is in its log.",
            _ => $"{request.Method} {request.Path} was refused.",
        };
    }

    /// <summary>The status for an exception that escapes an endpoint: a request the server could not read keeps its
    /// own status (413 for a body over the server's limit, 400 for a malformed one); anything else is 500.</summary>
    public static int StatusFor(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
}
