namespace Workflows.Functions.Notifications;

/// <summary>
/// Notification settings: section <c>Workflows:Notifications</c>, plus the deployment-wide
/// <c>Workflows:DefaultLanguage</c>, <c>Workflows:PublicBaseUrl</c> and <c>Workflows:ApprovalLinks:Lifetime</c>.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows:Notifications";

    /// <summary><c>Outbox</c> (development default) or <c>Graph</c>.</summary>
    public NotificationChannelKind Channel { get; set; } = NotificationChannelKind.Outbox;

    /// <summary>
    /// How many deliveries of one notification may fail before it is recorded as failed (audit entry
    /// <c>NotificationFailed</c> and a dashboard flag) and the workflow goes on. Before the last attempt a
    /// failure is thrown so the notifying activity's retry policy tries again; match that policy's attempts.
    /// </summary>
    public int MaxAttempts { get; set; } = DomainActivities.Attempts;

    /// <summary>How long one delivery holds a notification before another may take it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The case facts messages may show, e.g. <c>CaseReference, Step, Workflow, Due</c>; by default only the
    /// case reference and the step (<see cref="MessageFacts.Minimal"/>).
    /// </summary>
    public MessageFacts MessageFacts { get; set; } = MessageFacts.Minimal;

    /// <summary>The time zone due dates are shown in (IANA or Windows id).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>From <c>Workflows:DefaultLanguage</c>: the language of recipients whose own is unknown.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>From <c>Workflows:PublicBaseUrl</c>: the base of every link (never the request's Host header).</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;
}
