using Microsoft.Extensions.Options;
using Workflows.Functions.Approvals;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications;

/// <summary>
/// Chooses the links of a message: approval links (Approve / Reject / Open, issued by
/// <see cref="IApprovalLinks"/> for this recipient and task) for notices that ask for a decision, the task
/// page for a clarification request, the case page otherwise; none for the subject's decision notice.
/// Every URL starts with <c>Workflows:PublicBaseUrl</c>; approval links live <c>Workflows:ApprovalLinks:Lifetime</c>.
/// </summary>
public sealed class NotificationLinkBuilder(IApprovalLinks approvalLinks, IOptions<NotificationOptions> options, IOptions<ApprovalLinkOptions> approvalLinkOptions, TimeProvider time)
{
    /// <summary>The kinds whose recipient is asked to decide the task named in the notification.</summary>
    public static readonly IReadOnlySet<NotificationKind> DecisionKinds = new HashSet<NotificationKind>
    {
        NotificationKind.NewTask,
        NotificationKind.Reminder,
        NotificationKind.Escalation,
        NotificationKind.Reassigned,
        NotificationKind.Delegated,
        NotificationKind.ClarificationAnswered,
    };

    /// <summary>The task page (path <c>/tasks/{taskId}</c> under the public base URL).</summary>
    public Uri TaskPage(string taskId) => Absolute($"tasks/{Uri.EscapeDataString(taskId)}");

    /// <summary>The case page (path <c>/cases/{caseId}</c> under the public base URL).</summary>
    public Uri CasePage(string caseId) => Absolute($"cases/{Uri.EscapeDataString(caseId)}");

    /// <summary>True when the notification asks its recipient to decide a task.</summary>
    public static bool AsksForDecision(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification.TaskId is not null && DecisionKinds.Contains(notification.Kind);
    }

    /// <summary>Issues or builds the links for one notification to one recipient.</summary>
    public async Task<IReadOnlyList<NotificationLink>> BuildAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Kind == NotificationKind.DecisionNotice)
        {
            return [];
        }

        if (AsksForDecision(notification))
        {
            var link = await approvalLinks.IssueAsync(notification.TaskId!, notification.RecipientId, time.GetUtcNow() + approvalLinkOptions.Value.Lifetime, cancellationToken).ConfigureAwait(false);
            return [new("approve", link.Approve), new("reject", link.Reject), new("open", link.Open)];
        }

        return notification.TaskId is { } taskId
            ? [new("open", TaskPage(taskId))]
            : [new("case", CasePage(notification.CaseId))];
    }

    private Uri Absolute(string relative)
    {
        var baseUrl = options.Value.PublicBaseUrl;
        return new Uri(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), relative);
    }
}
