using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Engraver.Service.Api;

/// <summary>Writes every problem of the API as problem JSON, whatever the request's Accept header lists: the API
/// has no other representation, and the framework's own writer answers a client that does not list JSON (a
/// browser asking for text/html only, a client asking for XML) with a bare "Status Code: 404" instead. The
/// framework's writer still writes it (title, type, trace id and the API's details), asked as if for JSON.</summary>
internal sealed class ProblemJsonWhateverAccepted : IProblemDetailsWriter
{
    private const string ProblemJson = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Request.Headers;
        var asked = headers.Accept;
        headers.Accept = ProblemJson;
        try
        {
            var framework = context.HttpContext.RequestServices.GetServices<IProblemDetailsWriter>()
                .First(w => w is not ProblemJsonWhateverAccepted && w.CanWrite(context));
            await framework.WriteAsync(context).ConfigureAwait(false);
        }
        finally
        {
            headers.Accept = asked;
        }
    }
}
