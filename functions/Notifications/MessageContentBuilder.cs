using Microsoft.Extensions.Options;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications;

/// <summary>
/// Puts a notification into words: subject, introduction and facts in one language. It shows only the
/// facts <see cref="NotificationOptions.MessageFacts"/> allows (by default the case reference and the
/// step); subjects and introductions name nothing else, so the setting holds for every part of a message.
/// </summary>
public sealed class MessageContentBuilder(NotificationTexts texts, IOptions<NotificationOptions> options)
{
    /// <summary>Builds the content; <paramref name="recipientName"/> is the staff recipient's display name, if known.</summary>
    public MessageContent Build(Notification notification, string language, string? recipientName)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var kind = notification.Kind.ToString();
        var values = Values(notification, language);
        var challenge = notification.Kind == NotificationKind.DecisionNotice
            ? (texts.Get(language, "label.challenge"), texts.Find(language, "challenge." + (notification.ChallengeRoute ?? "complaint")) ?? texts.Get(language, "challenge.complaint"))
            : ((string, string)?)null;
        return new MessageContent
        {
            Language = language,
            Subject = texts.Get(language, "subject." + kind, values),
            Greeting = Greeting(language, recipientName),
            Introduction = texts.Get(language, "intro." + kind, values),
            Facts = Facts(notification, language),
            Challenge = challenge,
        };
    }

    /// <summary>
    /// The message to a staff member who hands a decision notice to the person concerned: a cover in the
    /// staff member's language, with the notice itself (<paramref name="notice"/>, in the person's language) enclosed.
    /// </summary>
    public MessageContent BuildHandDelivery(Notification notification, MessageContent notice, HandDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(delivery);
        var language = delivery.Language;
        var values = Values(notification, language);
        var facts = new List<(string, string)> { (texts.Get(language, "label.case"), notification.CaseReference) };
        if (notification.Step is { } step)
        {
            facts.Add((texts.Get(language, "label.step"), Step(step, language)));
        }

        facts.Add((texts.Get(language, "label.noticeLanguage"), texts.Get(language, "language." + notice.Language)));
        return new MessageContent
        {
            Language = language,
            Subject = texts.Get(language, "subject.HandDelivery", values),
            Greeting = Greeting(language, delivery.Deliverer.DisplayName),
            Introduction = texts.Get(language, "intro.HandDelivery", values),
            Facts = facts,
            Enclosure = notice,
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

    // Subjects and introductions may name only the facts every deployment shows.
    private (string Name, string Value)[] Values(Notification notification, string language) =>
        [("case", notification.CaseReference), ("step", notification.Step is { } step ? Step(step, language) : "—")];

    /// <summary>A step by its name in the language; a step a deployment adds without a text, as its code.</summary>
    private string Step(string step, string language) => texts.Find(language, "step." + step) ?? step;

    private string? Greeting(string language, string? name) =>
        name is null ? null : texts.Get(language, "email.greeting", ("name", name));

    private List<(string Label, string Value)> Facts(Notification notification, string language)
    {
        var allowed = options.Value.MessageFacts;
        var facts = new List<(string, string)> { (texts.Get(language, "label.case"), notification.CaseReference) };
        if (allowed.HasFlag(MessageFacts.Workflow))
        {
            facts.Add((texts.Get(language, "label.workflow"), texts.Find(language, "workflow." + notification.Workflow) ?? notification.Workflow));
        }

        if (notification.Step is { } step)
        {
            facts.Add((texts.Get(language, "label.step"), Step(step, language)));
        }

        if (allowed.HasFlag(MessageFacts.Due) && notification.Due is { } due && notification.Kind is not (NotificationKind.Outcome or NotificationKind.DecisionNotice))
        {
            facts.Add((texts.Get(language, "label.due"), FormatDate(due, language)));
        }

        // A decision notice is the decision, told to the person it concerns: it always states it.
        var showsResult = allowed.HasFlag(MessageFacts.Result) || notification.Kind == NotificationKind.DecisionNotice;
        if (showsResult && notification.Code is { } code && notification.Kind is NotificationKind.Outcome or NotificationKind.DecisionNotice or NotificationKind.Alert)
        {
            facts.Add((texts.Get(language, "label.result"), texts.Find(language, "result." + code) ?? code));
        }

        return facts;
    }
}
