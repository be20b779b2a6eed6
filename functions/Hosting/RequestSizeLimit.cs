using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Workflows.Functions.Hosting;

/// <summary>
/// Refuses a request body larger than <c>Workflows:MaxRequestBodyBytes</c> (12 MB by default) with
/// 413 before anything reads it, whatever the server in front (Kestrel also enforces it for bodies
/// without a length). An endpoint that declares its own limit (<see cref="IRequestSizeLimitMetadata"/>,
/// e.g. <c>[RequestSizeLimit]</c> on a form page that answers a too-large file with a field error) gets that limit instead.
/// </summary>
public static class RequestSizeLimit
{
    /// <summary>The default limit: one 10 MB attachment and its request.</summary>
    public const long DefaultBytes = 12L * 1024 * 1024;

    /// <summary>Adds the check.</summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? maxBytes;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.", detail: $"Requests are limited to {limit / (1024 * 1024)} MB.")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(context).ConfigureAwait(false);
        });
}
