using Microsoft.AspNetCore.Http.Features;

namespace Workflows.Functions.Hosting;

/// <summary>
/// Refuses a request body larger than <c>Workflows:MaxRequestBodyBytes</c> (12 MB by default) with
/// 413 before anything reads it, whatever the server in front (Kestrel also enforces it for bodies
/// without a length).
/// </summary>
public static class RequestSizeLimit
{
    /// <summary>The default limit: one 10 MB attachment and its request.</summary>
    public const long DefaultBytes = 12L * 1024 * 1024;

    /// <summary>Adds the check.</summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > maxBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.", detail: $"Requests are limited to {maxBytes / (1024 * 1024)} MB.")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = maxBytes;
            }

            await next(context).ConfigureAwait(false);
        });
}
