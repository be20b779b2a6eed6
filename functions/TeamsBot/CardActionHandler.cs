using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Workflows.Approvals;
using Workflows.Functions.Notifications;

namespace Workflows.Functions.Teams;

/// <summary>
/// Handles <c>adaptiveCard/action</c>: <c>approve</c> and <c>reject</c> decide the task through
/// <see cref="ApprovalDecisionService"/> (channel Teams) as the clicking user — who must be the task's
/// assignee or delegate, which the service checks — and answer with the updated card; <c>refresh</c>
/// answers with the card as that user should see it now. The comment and the chosen reason codes come
/// from the card's inputs; a decision the service refuses (a veto role's rejection without a reason,
/// a rejection without a comment) answers with the card again, what was sent kept and the error shown.
/// </summary>
public sealed partial class CardActionHandler(
    IApprovalTaskStore tasks,
    ApprovalDecisionService decisions,
    TeamsUserResolver users,
    ITeamsConversationStore conversations,
    TaskCardBuilder cards,
    NotificationTexts texts,
    IOptions<NotificationOptions> options,
    ILogger<CardActionHandler> logger)
{
    public async Task<JsonObject> HandleAsync(BotActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (verb, taskId, comment, reasonCodes) = ReadAction(activity.Value);
        var person = await users.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        var language = NotificationTexts.Normalize(person?.Language) ?? NotificationTexts.Normalize(activity.Locale) ?? options.Value.DefaultLanguage;
        if (taskId is null || verb is null)
        {
            return InvokeResponse.Error(400, "BadRequest", texts.Get(language, "card.invalid"));
        }

        var task = await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || task.Kind != ApprovalTaskKind.Approval)
        {
            return InvokeResponse.Error(404, "NotFound", texts.Get(language, "card.notFound"));
        }

        var refreshIds = await RefreshUserIdsAsync(task, cancellationToken).ConfigureAwait(false);
        if (verb == TaskCardBuilder.RefreshVerb)
        {
            return InvokeResponse.Card(await cards.ForViewerAsync(task, person?.Id, language, null, refreshIds, cancellationToken).ConfigureAwait(false));
        }

        var decision = verb switch
        {
            TaskCardBuilder.ApproveVerb => DecisionKind.Approve,
            TaskCardBuilder.RejectVerb => DecisionKind.Reject,
            _ => (DecisionKind?)null,
        };
        if (decision is null)
        {
            return InvokeResponse.Error(400, "BadRequest", texts.Get(language, "card.invalid"));
        }

        if (person is null)
        {
            LogRefused(logger, taskId, "unknown user");
            return InvokeResponse.Error(403, "NotEntitled", texts.Get(language, "card.notEntitled"));
        }

        var result = await decisions.DecideAsync(
            new DecisionCommand { TaskId = taskId, Actor = person.ToActor(), Decision = decision.Value, Comment = comment, ReasonCodes = reasonCodes, Channel = DecisionChannel.Teams },
            cancellationToken).ConfigureAwait(false);
        LogDecision(logger, taskId, result.Status);
        var now = await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false) ?? task;
        return result.Status switch
        {
            DecisionStatus.Recorded or DecisionStatus.AlreadyDecided =>
                InvokeResponse.Card(await cards.ForViewerAsync(now, person.Id, language, null, refreshIds, cancellationToken).ConfigureAwait(false)),
            DecisionStatus.Invalid =>
                InvokeResponse.Card(await cards.ForViewerAsync(now, person.Id, language, null, refreshIds, cancellationToken, new TaskCardAnswer(comment, reasonCodes, result.Errors ?? [])).ConfigureAwait(false)),
            DecisionStatus.NotEntitled => InvokeResponse.Error(403, "NotEntitled", texts.Get(language, "card.notEntitled")),
            _ => InvokeResponse.Error(404, "NotFound", texts.Get(language, "card.notFound")),
        };
    }

    private static (string? Verb, string? TaskId, string? Comment, IReadOnlyList<string> ReasonCodes) ReadAction(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null, []);
        }

        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string? taskId = null;
        string? comment = null;
        IReadOnlyList<string> reasonCodes = [];
        if (action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            taskId = data.TryGetProperty("taskId", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            comment = data.TryGetProperty(TaskCardBuilder.CommentInputId, out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            reasonCodes = data.TryGetProperty(TaskCardBuilder.ReasonCodesInputId, out var r) ? ReadReasonCodes(r) : [];
        }

        return (verb, taskId, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), reasonCodes);
    }

    // A multi-select Input.ChoiceSet sends its values comma-separated ("" when none is chosen); an
    // array is read too. The decision service checks each code against the step's catalogue.
    private static IReadOnlyList<string> ReadReasonCodes(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => (value.GetString() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.Trim()).Where(c => c.Length > 0).ToList(),
        _ => [],
    };

    private async Task<IReadOnlyList<string>> RefreshUserIdsAsync(ApprovalTask task, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var personId in new[] { task.AssigneeId, task.DelegateId }.OfType<string>())
        {
            if ((await conversations.FindByPersonAsync(personId, cancellationToken).ConfigureAwait(false))?.UserMri is { } mri)
            {
                ids.Add(mri);
            }
        }

        return ids;
    }

    [LoggerMessage(1, LogLevel.Information, "Teams card action on task {TaskId}: {Status}.")]
    private static partial void LogDecision(ILogger logger, string taskId, DecisionStatus status);

    [LoggerMessage(2, LogLevel.Warning, "Teams card action on task {TaskId} refused: {Why}.")]
    private static partial void LogRefused(ILogger logger, string taskId, string why);
}
