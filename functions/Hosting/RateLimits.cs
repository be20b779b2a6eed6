using System.Threading.RateLimiting;
using Workflows.Functions.Configuration;

namespace Workflows.Functions.Hosting;

/// <summary>
/// Rate limits: approval links and sign-in are public entry points (a link is a bearer secret), so
/// they get a tight per-client limit; the API gets a generous per-user limit.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy for approval links and sign-in pages.</summary>
    public const string PublicEntry = "public-entry";

    /// <summary>The policy for the authenticated API.</summary>
    public const string Api = "api";

    /// <summary>Adds the rate limiter with both policies.</summary>
    public static IServiceCollection AddWorkflowsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var publicPerMinute = configuration.GetValue(HostSettings.PublicEntryPerMinute, 30);
        var apiPerMinute = configuration.GetValue(HostSettings.ApiPerMinute, 600);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(PublicEntry, context => RateLimitPartition.GetSlidingWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = publicPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6 }));
            options.AddPolicy(Api, context => RateLimitPartition.GetSlidingWindowLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = apiPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6 }));
        });
    }
}
