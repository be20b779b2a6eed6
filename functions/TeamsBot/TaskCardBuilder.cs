using System.Text.Json.Nodes;
using Workflows.Approvals;
using Workflows.People;
using Workflows.Functions.Notifications;
using Workflows.Notifications;

namespace Workflows.Functions.Teams;

/// <summary>
/// The approval task card: an Adaptive Card 1.5 (Universal Actions) in the viewer's language, <c>rtl</c>
/// for Arabic. While the task is open and the viewer is its assignee or delegate it has a comment box
/// and Approve / Reject <c>Action.Execute</c> buttons; otherwise it shows the outcome and no live
/// buttons. Where a rejection acts as a veto (the task's slot is a veto role's) it also has a multi-select
/// of the step's behavioural reasons, named in the viewer's language; codes the domain forbids
/// (religion, ethnicity, nationality) are never offered. Every version carries a <c>refresh</c> action,
/// so a card decided elsewhere is brought up to date the next time it is shown.
/// </summary>
public sealed class TaskCardBuilder(NotificationTexts texts, MessageContentBuilder content, NotificationLinkBuilder links, IPersonDirectory directory)
{
    /// <summary>The verbs of the card's actions.</summary>
    public const string ApproveVerb = "approve";

    public const string RejectVerb = "reject";

    public const string RefreshVerb = "refresh";

    /// <summary>The id of the comment input (Teams merges it into the action's data).</summary>
    public const string CommentInputId = "comment";

    /// <summary>The id of the reasons input; Teams sends the chosen codes comma-separated.</summary>
    public const string ReasonCodesInputId = "reasonCodes";

    /// <summary>The card as sent with a notification to its recipient.</summary>
    public async Task<JsonObject> ForNotificationAsync(Notification notification, NotificationRecipient recipient, ApprovalTask? task, IReadOnlyList<string> refreshUserIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var words = content.Build(notification, recipient.Language, null);
        return await BuildAsync(words, notification.TaskId!, task, recipient.PersonId, recipient.Language, null, refreshUserIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The card as a viewer should see it now (answer to a click or a refresh); after a refused decision,
    /// <paramref name="answer"/> puts back what was sent, with the errors next to their inputs.
    /// </summary>
    public async Task<JsonObject> ForViewerAsync(ApprovalTask task, string? viewerId, string language, string? note, IReadOnlyList<string> refreshUserIds, CancellationToken cancellationToken, TaskCardAnswer? answer = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var words = content.Build(AsNotification(task), language, null);
        return await BuildAsync(words, task.TaskId, task, viewerId, language, note, refreshUserIds, cancellationToken, answer).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="viewerId"/> may decide the open task.</summary>
    public static bool CanDecide(ApprovalTask? task, string? viewerId) =>
        task is { IsOpen: true, Kind: ApprovalTaskKind.Approval } && viewerId is not null
        && (task.AssigneeId == viewerId || task.DelegateId == viewerId) && !task.ExcludedUserIds.Contains(viewerId);

    /// <summary>The reasons the card offers: the step's catalogue where a rejection acts as a veto, without forbidden codes.</summary>
    public static IReadOnlyList<string> Reasons(ApprovalTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.VetoAllowed ? ReasonCodes.Offerable(task.ReasonCatalogue) : [];
    }

    private static Notification AsNotification(ApprovalTask task) => new()
    {
        IdempotencyKey = task.TaskId,
        Kind = NotificationKind.NewTask,
        RecipientId = task.AssigneeId ?? string.Empty,
        CaseId = task.CaseId,
        CaseReference = task.CaseReference,
        Workflow = task.Workflow,
        Step = task.Step,
        TaskId = task.TaskId,
        InstanceId = task.InstanceId,
        Due = task.Due,
    };

    private async Task<JsonObject> BuildAsync(MessageContent words, string taskId, ApprovalTask? task, string? viewerId, string language, string? note, IReadOnlyList<string> refreshUserIds, CancellationToken cancellationToken, TaskCardAnswer? answer = null)
    {
        var facts = new JsonArray();
        foreach (var (label, value) in words.Facts)
        {
            facts.Add(new JsonObject { ["title"] = label, ["value"] = value });
        }

        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = words.Subject, ["wrap"] = true, ["weight"] = "Bolder", ["size"] = "Medium", ["style"] = "heading" },
            new JsonObject { ["type"] = "TextBlock", ["text"] = words.Introduction, ["wrap"] = true },
            new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
        };
        var actions = new JsonArray();
        var data = new JsonObject { ["taskId"] = taskId };
        if (CanDecide(task, viewerId))
        {
            AddInputs(body, task!, language, note, answer);
            actions.Add(Execute(texts.Get(language, "action.approve"), ApproveVerb, data, "positive"));
            actions.Add(Execute(texts.Get(language, "action.reject"), RejectVerb, data, "destructive"));
        }
        else
        {
            body.Add(Note(await StateTextAsync(task, viewerId, language, cancellationToken).ConfigureAwait(false), task?.Decision is DecisionKind.Approve or DecisionKind.ApproveWithConditions ? "Good" : "Default"));
            if (note is not null)
            {
                body.Add(Note(note, "Attention"));
            }
        }

        actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = texts.Get(language, "action.open"), ["url"] = links.TaskPage(taskId).AbsoluteUri });
        var refresh = new JsonObject { ["action"] = Execute(null, RefreshVerb, data, null) };
        if (refreshUserIds.Count > 0)
        {
            refresh["userIds"] = new JsonArray(refreshUserIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["lang"] = language,
            ["rtl"] = NotificationTexts.IsRightToLeft(language),
            ["refresh"] = refresh,
            ["body"] = body,
            ["actions"] = actions,
        };
    }

    private void AddInputs(JsonArray body, ApprovalTask task, string language, string? note, TaskCardAnswer? answer)
    {
        var errors = answer?.Errors ?? [];
        var reasons = Reasons(task);
        var onCard = errors.Where(e => Input(e.Field) is CommentInputId || (Input(e.Field) is ReasonCodesInputId && reasons.Count > 0)).ToList();
        if (note is not null || errors.Count > onCard.Count)
        {
            body.Add(Note(note ?? texts.Get(language, "card.invalid"), "Attention"));
        }

        var comment = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = CommentInputId,
            ["label"] = texts.Get(language, "card.commentLabel"),
            ["placeholder"] = texts.Get(language, "card.commentPlaceholder"),
            ["isMultiline"] = true,
            ["maxLength"] = 4000,
        };
        if (answer?.Comment is { } typed)
        {
            comment["value"] = typed;
        }

        body.Add(comment);
        if (onCard.Any(e => Input(e.Field) is CommentInputId))
        {
            body.Add(Note(texts.Get(language, "card.commentRequired"), "Attention"));
        }

        if (reasons.Count == 0)
        {
            return;
        }

        var choices = new JsonArray(reasons.Select(code => (JsonNode)new JsonObject { ["title"] = ReasonCodeNames.Name(code, language), ["value"] = code }).ToArray());
        var choiceSet = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = ReasonCodesInputId,
            ["label"] = texts.Get(language, "card.reasonsLabel"),
            ["isMultiSelect"] = true,
            ["style"] = "expanded",
            ["choices"] = choices,
        };
        if (answer is { ReasonCodes.Count: > 0 } chosen)
        {
            choiceSet["value"] = string.Join(',', chosen.ReasonCodes.Where(reasons.Contains));
        }

        body.Add(choiceSet);
        if (onCard.FirstOrDefault(e => Input(e.Field) is ReasonCodesInputId) is { } reasonError)
        {
            body.Add(Note(texts.Get(language, reasonError.Code == ErrorCodes.Required ? "card.reasonsRequired" : "card.reasonsInvalid"), "Attention"));
        }
    }

    // "reasonCodes[1]" is the reasons input; "comment" the comment box.
    private static string Input(string field)
    {
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? field : field[..bracket];
    }

    private async Task<string> StateTextAsync(ApprovalTask? task, string? viewerId, string language, CancellationToken cancellationToken)
    {
        if (task is null)
        {
            return texts.Get(language, "card.notFound");
        }

        if (task.IsOpen)
        {
            return texts.Get(language, "card.notOpenForYou");
        }

        if (task.Status == ApprovalTaskStatus.Decided && task.Decision is { } decision && task.DecidedBy is { } by)
        {
            var name = (await directory.FindAsync(by, cancellationToken).ConfigureAwait(false))?.DisplayName ?? by;
            return texts.Get(language, "card.decided", ("decision", texts.Get(language, "decision." + decision)), ("name", name), ("date", content.FormatDate(task.DecidedAt ?? task.Due, language)));
        }

        var status = texts.Find(language, "status." + task.Status) ?? task.Status.ToString();
        return texts.Get(language, "card.closed", ("status", status));
    }

    private static JsonObject Note(string text, string color) => new() { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true, ["color"] = color };

    private static JsonObject Execute(string? title, string verb, JsonObject data, string? style)
    {
        var action = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() };
        if (title is not null)
        {
            action["title"] = title;
        }

        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }
}
