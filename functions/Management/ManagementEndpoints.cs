using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Api;

namespace Workflows.Functions.Management;

/// <summary>
/// The instance management API, shaped like Durable Functions' HTTP API under
/// <c>/runtime/webhooks/durabletask</c>, so tools and scripts written for it work here.
/// </summary>
public static class ManagementEndpoints
{
    /// <summary>The base path of the management API.</summary>
    public const string BasePath = "/runtime/webhooks/durabletask";

    /// <summary>The continuation token header of instance lists.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>Maps the endpoints; every one requires <paramref name="policy"/>.</summary>
    public static RouteGroupBuilder MapManagementApi(this IEndpointRouteBuilder app, string policy)
    {
        var group = app.MapGroup(BasePath).RequireAuthorization(policy).WithTags("Management");

        // An engine refusal (unknown or finished instance, an invalid id) is an answer, never a 500.
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (OrchestrationException ex)
            {
                return FromException(ex, context.HttpContext.GetRouteValue("instanceId") as string);
            }
        });
        group.MapPost("/orchestrators/{functionName}/{instanceId?}", StartAsync);
        group.MapGet("/instances/{instanceId}", GetAsync);
        group.MapGet("/instances", ListAsync);
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        group.MapPost("/instances/{instanceId}/terminate", TerminateAsync);
        group.MapPost("/instances/{instanceId}/suspend", SuspendAsync);
        group.MapPost("/instances/{instanceId}/resume", ResumeAsync);
        group.MapPost("/instances/{instanceId}/restart", RestartAsync);
        group.MapPost("/instances/{instanceId}/rewind", RewindAsync);
        group.MapDelete("/instances/{instanceId}", PurgeAsync);
        group.MapDelete("/instances", PurgeManyAsync);
        return group;
    }

    private static async Task<IResult> StartAsync(string functionName, string? instanceId, HttpRequest request, OrchestrationClient client, CheckStatusLinks links, ManagementAudit audit)
    {
        var input = await ReadJsonBodyAsync(request).ConfigureAwait(false);
        if (input is { Error: { } error })
        {
            return error;
        }

        var id = await client.ScheduleNewOrchestrationAsync(functionName, input.Value, new StartOrchestrationOptions { InstanceId = instanceId }, request.HttpContext.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(request.HttpContext, "start", id, functionName).ConfigureAwait(false);
        return links.Accepted(id);
    }

    private static async Task<IResult> GetAsync(
        string instanceId,
        OrchestrationClient client,
        CheckStatusLinks links,
        HttpContext context,
        string? showHistory = null,
        string? showHistoryOutput = null,
        string? showInput = null)
    {
        if (!QueryValues.TryBoolean(showHistory, nameof(showHistory), false, out var withHistory, out var error)
            || !QueryValues.TryBoolean(showHistoryOutput, nameof(showHistoryOutput), false, out var withHistoryOutput, out error)
            || !QueryValues.TryBoolean(showInput, nameof(showInput), true, out var withInput, out error))
        {
            return error!;
        }

        var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, context.RequestAborted).ConfigureAwait(false);
        if (state is null)
        {
            return NotFound(instanceId);
        }

        var body = StatusBody(state, withInput);
        if (withHistory)
        {
            var history = await client.GetHistoryAsync(instanceId, context.RequestAborted).ConfigureAwait(false);
            body["historyEvents"] = HistoryBody(history, client.Converter.Options, withHistoryOutput);
        }

        if (state.RuntimeStatus.IsTerminal())
        {
            return Results.Json(body, statusCode: StatusCodes.Status200OK);
        }

        context.Response.Headers.Location = links.StatusUri(instanceId);
        context.Response.Headers.RetryAfter = "10";
        return Results.Json(body, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ListAsync(
        OrchestrationClient client,
        HttpContext context,
        string? runtimeStatus = null,
        string? createdTimeFrom = null,
        string? createdTimeTo = null,
        string? instanceIdPrefix = null,
        string? name = null,
        string? top = null,
        string? showInput = null)
    {
        if (!QueryValues.TryInteger(top, nameof(top), 100, 1, 1000, out var pageSize, out var error)
            || !QueryValues.TryTime(createdTimeFrom, nameof(createdTimeFrom), out var from, out error)
            || !QueryValues.TryTime(createdTimeTo, nameof(createdTimeTo), out var to, out error)
            || !QueryValues.TryBoolean(showInput, nameof(showInput), false, out var withInput, out error))
        {
            return error!;
        }

        if (!TryParseStatuses(runtimeStatus, out var statuses))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid 'runtimeStatus'.", $"Use a comma-separated list of: {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.", "runtimeStatus");
        }

        var page = await client.QueryInstancesAsync(
            new InstanceQuery
            {
                RuntimeStatus = statuses,
                CreatedFrom = from,
                CreatedTo = to,
                InstanceIdPrefix = instanceIdPrefix,
                Name = name,
                PageSize = pageSize,
                ContinuationToken = context.Request.Headers[ContinuationHeader].FirstOrDefault(),
                FetchInputsAndOutputs = withInput,
            },
            context.RequestAborted).ConfigureAwait(false);
        if (page.ContinuationToken is not null)
        {
            context.Response.Headers[ContinuationHeader] = page.ContinuationToken;
        }

        return Results.Json(new JsonArray([.. page.Instances.Select(s => (JsonNode)StatusBody(s, withInput))]));
    }

    private static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpRequest request, OrchestrationClient client, ManagementAudit audit)
    {
        var payload = await ReadJsonBodyAsync(request).ConfigureAwait(false);
        if (payload is { Error: { } error })
        {
            return error;
        }

        return await LifecycleAsync(instanceId, request.HttpContext, audit, "raiseEvent", eventName, () =>
            client.RaiseEventAsync(instanceId, eventName, payload.Value, cancellationToken: request.HttpContext.RequestAborted)).ConfigureAwait(false);
    }

    private static async Task<IResult> TerminateAsync(string instanceId, HttpContext context, OrchestrationClient client, ManagementAudit audit, string? reason = null, string? recursive = null) =>
        QueryValues.TryBoolean(recursive, nameof(recursive), true, out var withChildren, out var error)
            ? await LifecycleAsync(instanceId, context, audit, "terminate", reason, () => client.TerminateAsync(instanceId, reason, withChildren, context.RequestAborted)).ConfigureAwait(false)
            : error!;

    private static Task<IResult> SuspendAsync(string instanceId, HttpContext context, OrchestrationClient client, ManagementAudit audit, string? reason = null) =>
        LifecycleAsync(instanceId, context, audit, "suspend", reason, () => client.SuspendAsync(instanceId, reason, context.RequestAborted));

    private static Task<IResult> ResumeAsync(string instanceId, HttpContext context, OrchestrationClient client, ManagementAudit audit, string? reason = null) =>
        LifecycleAsync(instanceId, context, audit, "resume", reason, () => client.ResumeAsync(instanceId, reason, context.RequestAborted));

    private static async Task<IResult> RestartAsync(string instanceId, HttpContext context, OrchestrationClient client, CheckStatusLinks links, ManagementAudit audit, string? restartWithNewInstanceId = null)
    {
        if (!QueryValues.TryBoolean(restartWithNewInstanceId, nameof(restartWithNewInstanceId), true, out var newId, out var error))
        {
            return error!;
        }

        var id = await client.RestartAsync(instanceId, newId, context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, "restart", instanceId, id).ConfigureAwait(false);
        return links.Accepted(id);
    }

    private static async Task<IResult> RewindAsync(string instanceId, HttpContext context, OrchestrationClient client, ManagementAudit audit, string? reason = null)
    {
        await client.RewindAsync(instanceId, reason, context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, "rewind", instanceId, reason).ConfigureAwait(false);
        return Results.Accepted();
    }

    private static async Task<IResult> PurgeAsync(string instanceId, HttpContext context, OrchestrationClient client, ManagementAudit audit)
    {
        // Read before the purge: afterwards the instance, and with it the case tag the entry belongs to, is gone.
        var before = await client.GetInstanceAsync(instanceId, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var result = await client.PurgeInstanceAsync(instanceId, context.RequestAborted).ConfigureAwait(false);
        if (result.InstancesDeleted == 0)
        {
            return NotFound(instanceId);
        }

        await (before is null
            ? audit.RecordAsync(context, "purge", instanceId, null)
            : audit.RecordWithStateAsync(context, "purge", before, null)).ConfigureAwait(false);
        return Results.Json(new { instancesDeleted = result.InstancesDeleted });
    }

    private static async Task<IResult> PurgeManyAsync(
        HttpContext context,
        FilteredPurge purge,
        string? runtimeStatus = null,
        string? createdTimeFrom = null,
        string? createdTimeTo = null,
        string? instanceIdPrefix = null)
    {
        if (!QueryValues.TryTime(createdTimeFrom, nameof(createdTimeFrom), out var from, out var error)
            || !QueryValues.TryTime(createdTimeTo, nameof(createdTimeTo), out var to, out error))
        {
            return error!;
        }

        if (!TryParseStatuses(runtimeStatus, out var statuses) || statuses?.Any(s => !s.IsTerminal()) == true)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid 'runtimeStatus'.", "Only Completed, Failed and Terminated instances can be purged.", "runtimeStatus");
        }

        if (from is null && string.IsNullOrEmpty(instanceIdPrefix))
        {
            return Problem(StatusCodes.Status400BadRequest, "A filter is required.", "Give createdTimeFrom or instanceIdPrefix so that a purge never deletes everything by accident.", "createdTimeFrom");
        }

        // Walked instance by instance (not the engine's bulk purge) so that each one is audited in its case's trail.
        var query = new InstanceQuery
        {
            RuntimeStatus = statuses ?? [.. Enum.GetValues<OrchestrationRuntimeStatus>().Where(s => s.IsTerminal())],
            CreatedFrom = from,
            CreatedTo = to,
            InstanceIdPrefix = instanceIdPrefix,
        };
        var (total, _) = await purge.PurgeAsync(context, query, int.MaxValue, null, count => $"{count.ToString(CultureInfo.InvariantCulture)} instance(s)").ConfigureAwait(false);
        return Results.Json(new { instancesDeleted = total });
    }

    private static async Task<IResult> LifecycleAsync(string instanceId, HttpContext context, ManagementAudit audit, string action, string? detail, Func<Task> operation)
    {
        // An engine refusal propagates to the group's filter, which answers it (and nothing is audited).
        await operation().ConfigureAwait(false);
        await audit.RecordAsync(context, action, instanceId, detail).ConfigureAwait(false);
        return Results.Accepted();
    }

    /// <summary>The Durable Functions status body of an instance.</summary>
    public static JsonObject StatusBody(OrchestrationState state, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(state);
        var body = new JsonObject
        {
            ["name"] = state.Name,
            ["instanceId"] = state.InstanceId,
            ["runtimeStatus"] = state.RuntimeStatus.ToString(),
            ["input"] = showInput ? ParseOrNull(state.Input) : null,
            ["customStatus"] = ParseOrNull(state.CustomStatus),
            ["output"] = state.RuntimeStatus == OrchestrationRuntimeStatus.Failed && state.FailureDetails is { } failure
                ? JsonValue.Create(failure.ToString())
                : ParseOrNull(state.Output),
            ["createdTime"] = FormatTime(state.CreatedAt),
            ["lastUpdatedTime"] = FormatTime(state.LastUpdatedAt),
        };
        if (state.NextTimerDueAt is { } due)
        {
            body["nextTimerDueTime"] = FormatTime(due);
        }

        if (state.StuckReason is { } stuck)
        {
            body["stuckReason"] = stuck;
        }

        return body;
    }

    private static JsonArray HistoryBody(IReadOnlyList<Engine.History.HistoryEvent> history, JsonSerializerOptions options, bool showOutput)
    {
        var array = new JsonArray();
        foreach (var e in history)
        {
            var node = JsonSerializer.SerializeToNode(e, options)!.AsObject();
            if (!showOutput)
            {
                node.Remove("result");
                node.Remove("input");
            }

            array.Add(node);
        }

        return array;
    }

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonNode? ParseOrNull(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static bool TryParseStatuses(string? text, out IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses)
    {
        statuses = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var list = new List<OrchestrationRuntimeStatus>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(part, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }

            list.Add(status);
        }

        statuses = list;
        return true;
    }

    private static async Task<(object? Value, IResult? Error)> ReadJsonBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Body.CanSeek && request.ContentType is null))
        {
            return (null, null);
        }

        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            return (node, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.", $"Line {ex.LineNumber}, position {ex.BytePositionInLine}.", "body"));
        }
    }

    private static IResult FromException(OrchestrationException ex, string? instanceId) => ex.ErrorCode switch
    {
        OrchestrationErrorCode.InstanceNotFound => NotFound(instanceId ?? string.Empty),
        OrchestrationErrorCode.InstanceCompleted => Problem(StatusCodes.Status410Gone, "The instance has already finished.", ex.Message, null),
        OrchestrationErrorCode.InstanceAlreadyExists => Problem(StatusCodes.Status409Conflict, "An instance with that id already exists.", ex.Message, "instanceId"),
        OrchestrationErrorCode.InvalidInstanceState => Problem(StatusCodes.Status409Conflict, "The instance is not in a state that allows this.", ex.Message, null),
        _ => Problem(StatusCodes.Status400BadRequest, "The request is not valid.", ex.Message, null),
    };

    private static IResult NotFound(string instanceId) =>
        Problem(StatusCodes.Status404NotFound, "No such instance.", $"No instance with id '{instanceId}' exists.", null);

    private static IResult Problem(int status, string title, string detail, string? field) =>
        field is null
            ? Results.Problem(statusCode: status, title: title, detail: detail)
            : Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, title: title, statusCode: status);
}
