using Microsoft.Extensions.Options;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications;

/// <summary>Puts a notification into words: subject, introduction and facts in one language.</summary>
public sealed class MessageContentBuilder(NotificationTexts texts, IOptions<NotificationOptions> options)
{
    /// <summary>Builds the content; <paramref name="recipientName"/> is the staff recipient's display name, if known.</summary>
    public MessageContent Build(Notification notification, string language, string? recipientName)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var kind = notification.Kind.ToString();
        var step = notification.Step ?? "—";
        var workflow = texts.Find(language, "workflow." + notification.Workflow) ?? notification.Workflow;
        var due = notification.Due is { } d ? FormatDate(d, language) : "—";
        var values = new[] { ("case", notification.CaseReference), ("step", step), ("workflow", workflow), ("due", due) };
        var facts = new List<(string, string)>
        {
            (texts.Get(language, "label.case"), notification.CaseReference),
            (texts.Get(language, "label.workflow"), workflow),
        };
        if (notification.Step is not null)
        {
            facts.Add((texts.Get(language, "label.step"), notification.Step));
        }

        if (notification.Due is not null && notification.Kind is not (NotificationKind.Outcome or NotificationKind.DecisionNotice))
        {
            facts.Add((texts.Get(language, "label.due"), due));
        }

        if (notification.Code is { } code && notification.Kind is NotificationKind.Outcome or NotificationKind.DecisionNotice or NotificationKind.Alert)
        {
            facts.Add((texts.Get(language, "label.result"), texts.Find(language, "result." + code) ?? code));
        }

        var challenge = notification.Kind == NotificationKind.DecisionNotice
            ? (texts.Get(language, "label.challenge"), texts.Find(language, "challenge." + (notification.ChallengeRoute ?? "complaint")) ?? texts.Get(language, "challenge.complaint"))
            : ((string, string)?)null;
        return new MessageContent
        {
            Language = language,
            Subject = texts.Get(language, "subject." + kind, values),
            Greeting = recipientName is null ? null : texts.Get(language, "email.greeting", ("name", recipientName)),
            Introduction = texts.Get(language, "intro." + kind, values),
            Facts = facts,
            Challenge = challenge,
        };
    }

    /// <summary>A date and time in the deployment's time zone, written the language's way.</summary>
    public string FormatDate(DateTimeOffset at, string language)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var zoneName = zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id;
        return local.ToString("f", NotificationTexts.Culture(language)) + " (" + zoneName + ")";
    }
}
