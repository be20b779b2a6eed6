using System.Text.Json.Nodes;

namespace Workflows.Functions.Notifications.Outbox;

/// <summary>The development outbox endpoints.</summary>
public static class OutboxEndpoints
{
    public const string Path = "/dev/outbox";

    /// <summary>
    /// In Development only: <c>GET /dev/outbox</c> lists stored notifications, newest first, as JSON
    /// (filters <c>recipient</c>, <c>caseId</c>, <c>taskId</c>, <c>channel</c>, <c>top</c> ≤ 500), and
    /// <c>GET /dev/outbox/{id}</c> shows one email as the recipient would see it (or a card's JSON).
    /// Returns null (maps nothing) in any other environment.
    /// </summary>
    public static RouteGroupBuilder? MapDevelopmentOutbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return null;
        }

        // Like the other development endpoints: open to scripts without identity, and absent outside Development.
        var group = endpoints.MapGroup(Path).ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/", async (IOutboxStore outbox, string? recipient, string? caseId, string? taskId, string? channel, int? top, CancellationToken cancellationToken) =>
        {
            var messages = await outbox.ListAsync(new OutboxQuery(recipient, caseId, taskId, channel, Math.Clamp(top ?? 100, 1, 500)), cancellationToken).ConfigureAwait(false);
            return Results.Ok(messages.Select(ToJson));
        });
        group.MapGet("/{id}", async (IOutboxStore outbox, string id, HttpResponse response, CancellationToken cancellationToken) =>
        {
            if (await outbox.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } message)
            {
                return Results.NotFound();
            }

            if (message.Html is { } html)
            {
                response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                response.Headers["Referrer-Policy"] = "no-referrer";
                return Results.Content(html, "text/html; charset=utf-8");
            }

            return Results.Content(message.Card ?? message.Body, message.Card is null ? "text/plain; charset=utf-8" : "application/json");
        });
        return group;
    }

    private static JsonObject ToJson(OutboxMessage message) => new()
    {
        ["id"] = message.Id,
        ["createdAt"] = message.CreatedAt,
        ["channel"] = message.Channel,
        ["kind"] = message.Kind,
        ["recipient"] = message.RecipientId,
        ["recipientAddress"] = message.RecipientAddress,
        ["language"] = message.Language,
        ["caseId"] = message.CaseId,
        ["caseReference"] = message.CaseReference,
        ["taskId"] = message.TaskId,
        ["subject"] = message.Subject,
        ["body"] = message.Body,
        ["html"] = message.Html,
        ["card"] = message.Card is null ? null : JsonNode.Parse(message.Card),
        ["links"] = new JsonArray(message.Links.Select(l => (JsonNode)new JsonObject { ["rel"] = l.Rel, ["href"] = l.Href.AbsoluteUri }).ToArray()),
        ["view"] = Path + "/" + Uri.EscapeDataString(message.Id),
    };
}
