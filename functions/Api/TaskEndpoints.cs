using Workflows.Approvals;
using Workflows.Functions.Auth;
using Workflows.Functions.Hosting;

namespace Workflows.Functions.Api;

/// <summary>
/// The approver's task API: the inbox, one task with the decisions made so far on its step, and the
/// decision, delegation, reassignment and clarification commands — all through the same decision
/// service that email links and Teams use.
/// </summary>
public static class TaskEndpoints
{
    /// <summary>Maps <c>/api/tasks</c>.</summary>
    public static RouteGroupBuilder MapTaskApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").RequireAuthorization(AccessPolicies.Staff).RequireRateLimiting(RateLimits.Api).WithTags("Tasks");
        group.MapGet("/", ListAsync).Produces<List<TaskView>>().ProducesValidationProblem();
        group.MapGet("/{taskId}", GetAsync).Produces<TaskWithDecisions>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{taskId}/decision", DecideAsync).WithCommandMetadata<DecisionRequest>();
        group.MapPost("/{taskId}/delegate", DelegateAsync).WithCommandMetadata<DelegateRequest>();
        group.MapPost("/{taskId}/reassign", ReassignAsync).WithCommandMetadata<ReassignRequest>().RequireAuthorization(AccessPolicies.Administrator);
        group.MapPost("/{taskId}/clarification", AnswerClarificationAsync).WithCommandMetadata<ClarificationRequest>();
        return group;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context,
        IApprovalTaskStore tasks,
        EscalationSchedule escalations,
        TimeProvider time,
        string? workflow = null,
        string? kind = null,
        string? overdue = null,
        string? sort = null)
    {
        if (!QueryValues.TryOptionalBoolean(overdue, "overdue", out var overdueFilter, out var overdueError))
        {
            return overdueError!;
        }

        if (sort is not (null or "" or "due" or "-due" or "created" or "-created"))
        {
            return ProblemResults.Field("sort", "UnknownValue", "Sort by due, -due, created or -created.");
        }

        var actor = context.RequireActor();
        var now = time.GetUtcNow();
        var open = await tasks.ListOpenForPersonAsync(actor.UserId, context.RequestAborted).ConfigureAwait(false);
        IEnumerable<ApprovalTask> filtered = open;
        if (!string.IsNullOrWhiteSpace(workflow))
        {
            filtered = filtered.Where(t => string.Equals(t.Workflow, workflow, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (!Enum.TryParse<ApprovalTaskKind>(kind, ignoreCase: true, out var parsed) || int.TryParse(kind, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return ProblemResults.Field("kind", "UnknownValue", $"Unknown task kind '{kind}'; use one of {string.Join(", ", Enum.GetNames<ApprovalTaskKind>())}.");
            }

            filtered = filtered.Where(t => t.Kind == parsed);
        }

        if (overdueFilter is { } wantOverdue)
        {
            filtered = filtered.Where(t => t.IsOverdue(now) == wantOverdue);
        }

        filtered = sort switch
        {
            "-due" => filtered.OrderByDescending(t => t.Due),
            "created" => filtered.OrderBy(t => t.CreatedAt),
            "-created" => filtered.OrderByDescending(t => t.CreatedAt),
            _ => filtered.OrderBy(t => t.Due),
        };
        return Results.Ok(await TaskView.ListAsync(filtered, now, escalations, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(string taskId, HttpContext context, IApprovalTaskStore tasks, EscalationSchedule escalations, TimeProvider time)
    {
        var actor = context.RequireActor();
        var task = await tasks.GetAsync(taskId, context.RequestAborted).ConfigureAwait(false);
        if (task is null || !MayView(task, actor))
        {
            return ProblemResults.NotFound();
        }

        var now = time.GetUtcNow();
        var step = await tasks.ListByInstanceAsync(task.InstanceId, context.RequestAborted).ConfigureAwait(false);
        var history = step.Where(t => t.Step == task.Step && t.DecidedAt is not null).OrderBy(t => t.DecidedAt).Select(t => TaskView.From(t, now)).ToList();
        var escalatesAt = await escalations.NextAtAsync(task, now, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(new TaskWithDecisions(TaskView.From(task, now, escalatesAt), history));
    }

    private static async Task<IResult> DecideAsync(string taskId, HttpContext context, ApprovalDecisionService decisions)
    {
        var (body, error) = await JsonBody.ReadAsync<DecisionRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.Decision))
        {
            return ProblemResults.Field("decision", "Required", "The decision is required: approve, approveWithConditions, reject, veto or returnForClarification.");
        }

        if (!DecisionRequest.Names.TryGetValue(body.Decision, out var kind))
        {
            return ProblemResults.Field("decision", "UnknownValue", $"Unknown decision '{body.Decision}': use approve, approveWithConditions, reject, veto or returnForClarification.");
        }

        var result = await decisions.DecideAsync(
            new DecisionCommand
            {
                TaskId = taskId,
                Actor = context.RequireActor(),
                Decision = kind,
                Comment = body.Comment,
                ReasonCodes = body.ReasonCodes ?? [],
                Conditions = body.Conditions ?? [],
                Attributes = body.Attributes ?? new Dictionary<string, string>(),
                Channel = DecisionChannel.Api,
            },
            context.RequestAborted).ConfigureAwait(false);
        return ToResult(result);
    }

    private static async Task<IResult> DelegateAsync(string taskId, HttpContext context, ApprovalDecisionService decisions)
    {
        var (body, error) = await JsonBody.ReadAsync<DelegateRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.DelegateId))
        {
            return ProblemResults.Field("delegateId", "Required", "Name the person (id) who decides in your place.");
        }

        return ToResult(await decisions.DelegateAsync(taskId, context.RequireActor(), body.DelegateId, body.Comment, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> ReassignAsync(string taskId, HttpContext context, ApprovalDecisionService decisions)
    {
        var (body, error) = await JsonBody.ReadAsync<ReassignRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.AssigneeId))
        {
            return ProblemResults.Field("assigneeId", "Required", "Name the person (id) the task goes to.");
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return ProblemResults.Field("reason", "Required", "A reason is required: it is kept in the audit log.");
        }

        return ToResult(await decisions.ReassignAsync(taskId, context.RequireActor(), body.AssigneeId, body.Reason, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> AnswerClarificationAsync(string taskId, HttpContext context, ApprovalDecisionService decisions)
    {
        var (body, error) = await JsonBody.ReadAsync<ClarificationRequest>(context.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.Answer))
        {
            return ProblemResults.Field("answer", "Required", "The answer to the question is required.");
        }

        return ToResult(await decisions.AnswerClarificationAsync(taskId, context.RequireActor(), body.Answer, context.RequestAborted).ConfigureAwait(false));
    }

    /// <summary>Maps a decision-service result to an HTTP answer.</summary>
    public static IResult ToResult(DecisionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            DecisionStatus.Recorded => Results.Ok(new CommandRecorded("recorded", result.DecisionId)),
            DecisionStatus.AlreadyDecided => ProblemResults.Conflict("The task has already been decided or closed; nothing was changed."),
            DecisionStatus.NotEntitled => ProblemResults.Forbidden("You may not act on this task."),
            DecisionStatus.NotFound => ProblemResults.NotFound(),
            _ => ProblemResults.Validation(result.Errors ?? []),
        };
    }

    private static bool MayView(ApprovalTask task, Actor actor) =>
        task.AssigneeId == actor.UserId
        || task.DelegateId == actor.UserId
        || task.RequesterId == actor.UserId
        || actor.HasRole(Roles.SystemAdministrator);
}
