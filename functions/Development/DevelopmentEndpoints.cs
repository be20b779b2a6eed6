using System.Globalization;
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
    private static readonly TimeSpan MaxStep = TimeSpan.FromDays(3660);

    // ISO 8601 as the API writes it and people type it (K: Z, an offset, or none for UTC).
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>
    /// Maps <c>/dev/clock</c> (<c>POST /dev/clock/advance?by=P14D</c> or <c>?to=2026-12-20T10:00:00Z</c>) and
    /// <c>/dev/directory</c>; anonymous, Development only.
    /// </summary>
    public static RouteGroupBuilder MapDevelopmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dev").AllowAnonymous().WithTags("Development");
        group.MapGet("/clock", (DevelopmentClock clock) => Results.Ok(ClockView(clock)));
        group.MapPost("/clock/advance", (DevelopmentClock clock, string? by, string? to) =>
            to is not null ? AdvanceTo(clock, to, by) : AdvanceBy(clock, by));
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

    private static IResult AdvanceBy(DevelopmentClock clock, string? by)
    {
        if (string.IsNullOrWhiteSpace(by))
        {
            return ProblemResults.Field("by", "Required", "Give an ISO 8601 duration, for example by=P14D or by=PT6H, or a time to move to, for example to=2026-12-20T10:00:00Z.");
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

        if (span <= TimeSpan.Zero || span > MaxStep)
        {
            return ProblemResults.Field("by", "OutOfRange", "The clock only moves forward, by at most ten years at a time.");
        }

        clock.Advance(span);
        return Results.Ok(ClockView(clock));
    }

    private static IResult AdvanceTo(DevelopmentClock clock, string to, string? by)
    {
        if (!string.IsNullOrWhiteSpace(by))
        {
            return ProblemResults.Field("to", "Conflict", "Give either by (a duration) or to (a time), not both.");
        }

        // A "+01:00" pasted unencoded into the query arrives as " 01:00".
        if (!DateTimeOffset.TryParseExact(to.Trim().Replace(' ', '+'), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var target))
        {
            return ProblemResults.Field("to", "InvalidTime", $"'{to}' is not an ISO 8601 time; use for example 2026-12-20T10:00:00Z (a time without an offset is UTC).");
        }

        var now = clock.GetUtcNow();
        if (target - now > MaxStep)
        {
            return ProblemResults.Field("to", "OutOfRange", "The clock moves at most ten years at a time.");
        }

        if (!clock.TryAdvanceTo(target))
        {
            return ProblemResults.Field("to", "InThePast", $"The clock only moves forward: {to} is not after its time now, {now:yyyy-MM-ddTHH:mm:ssZ}.");
        }

        return Results.Ok(ClockView(clock));
    }

    private static object ClockView(DevelopmentClock clock) => new
    {
        utcNow = clock.GetUtcNow(),
        realUtcNow = TimeProvider.System.GetUtcNow(),
        offset = XmlConvert.ToString(clock.Offset),
    };
}
