using System.Xml;
using Workflows.People;
using Workflows.Functions.Api;

namespace Workflows.Functions.Development;

/// <summary>
/// Development-only endpoints (not mapped at all in other environments): the development clock and
/// the seeded directory, so people and scripts know when it is and whom to act as.
/// </summary>
public static class DevelopmentEndpoints
{
    /// <summary>Maps <c>/dev/clock</c> and <c>/dev/directory</c>; anonymous, Development only.</summary>
    public static RouteGroupBuilder MapDevelopmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dev").AllowAnonymous().WithTags("Development");
        group.MapGet("/clock", (DevelopmentClock clock) => Results.Ok(ClockView(clock)));
        group.MapPost("/clock/advance", (DevelopmentClock clock, string? by) =>
        {
            if (string.IsNullOrWhiteSpace(by))
            {
                return ProblemResults.Field("by", "Required", "Give an ISO 8601 duration, for example by=P14D or by=PT6H.");
            }

            TimeSpan span;
            try
            {
                span = XmlConvert.ToTimeSpan(by);
            }
            catch (FormatException)
            {
                return ProblemResults.Field("by", "InvalidDuration", $"'{by}' is not an ISO 8601 duration; use for example P14D or PT6H.");
            }

            if (span <= TimeSpan.Zero || span > TimeSpan.FromDays(3660))
            {
                return ProblemResults.Field("by", "OutOfRange", "The clock only moves forward, by at most ten years at a time.");
            }

            clock.Advance(span);
            return Results.Ok(ClockView(clock));
        });
        group.MapGet("/directory", async (IPersonDirectory directory, CancellationToken cancellationToken) =>
        {
            var people = await directory.ListPeopleAsync(cancellationToken).ConfigureAwait(false);
            return Results.Ok(people.Select(p => new
            {
                id = p.Id,
                displayName = p.DisplayName,
                email = p.Email,
                language = p.Language,
                roles = p.Roles.Select(r => new { role = r.Role, level = r.Level.ToString(), scope = r.ScopeId }),
            }));
        });
        return group;
    }

    private static object ClockView(DevelopmentClock clock) => new
    {
        utcNow = clock.GetUtcNow(),
        realUtcNow = TimeProvider.System.GetUtcNow(),
        offset = XmlConvert.ToString(clock.Offset),
    };
}
