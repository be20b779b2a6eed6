using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflows.Functions.Health;

/// <summary>
/// Writes <c>/healthz</c> as JSON: overall status, and each check with its data. The endpoint is public
/// (probes call it without identity), so only administrators see the data that describes the
/// deployment (host id, queue names); everyone else gets the figures: backlog and partitions owned.
/// </summary>
public static class HealthResponse
{
    /// <summary>The options for <c>MapHealthChecks</c>.</summary>
    public static HealthCheckOptions Options { get; } = new()
    {
        // Degraded still serves traffic: a host that owns no partition can take HTTP requests.
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    /// <summary>The data keys every caller sees.</summary>
    public static readonly IReadOnlySet<string> PublicDataKeys = new HashSet<string>(StringComparer.Ordinal) { "backlog", "partitionsOwned" };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var everything = context.User.IsInRole(Roles.SystemAdministrator);
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Where(d => everything || PublicDataKeys.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
