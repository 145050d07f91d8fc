using Microsoft.AspNetCore.Http;

namespace Engraver.Service.Api;

/// <summary>Reads a request body as text up to a limit. Content-Length is only a claim, and a chunked body has
/// none: the limit is held while reading, so a body over it is refused after at most the limit plus one read.</summary>
public static class CappedBody
{
    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        // As the body was read before: UTF-8 unless a byte-order mark says otherwise.
        buffer.Position = 0;
        using var reader = new StreamReader(buffer);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
