using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Audit;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>
/// Recipients a channel cannot reach, with Graph mail: the person concerned by a decision notice (no
/// address) through the staff member who hands it over, and staff without an address.
/// </summary>
public sealed class HandDeliveryTests : IDisposable
{
    private const string SendMail = "graph.microsoft.com/v1.0/users/workflows%40prisons.test/sendMail";
    private readonly FakeHttpHandler _graph = new FakeHttpHandler().On(HttpMethod.Post, SendMail, HttpStatusCode.Accepted);
    private readonly ServiceProvider _services;

    public HandDeliveryTests()
    {
        _services = GraphMailTests.Build(_graph);
    }

    private INotifier Notifier => _services.GetRequiredService<INotifier>();

    [Fact]
    public async Task A_decision_notice_goes_to_the_case_requester_to_hand_over_in_the_persons_language()
    {
        await Notifier.SendAsync(Notice(TestCases.CaseId));

        var mail = ReceivedMail.From(Assert.Single(_graph.Requests));
        Assert.Equal("Amélie Approver <amelie@prisons.test>", mail.Headers["To"]);
        Assert.Equal(("Notification de décision à remettre – dossier REF-2026-0042", "fr"), (mail.Headers["Subject"], mail.Headers["Content-Language"]));
        Assert.Equal(
            [
                ("Référence du dossier", "REF-2026-0042"), ("Étape", "Décision de placement"), ("Langue de la notification", "russe"),
                ("Номер дела", "REF-2026-0042"), ("Этап", "Решение о зачислении"), ("Результат", "Утверждено"),
            ],
            mail.Facts);
        Assert.Contains("<section lang=\"ru\" dir=\"ltr\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Уведомление о решении – дело REF-2026-0042", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Вы можете подать жалобу", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://workflows.test/cases/case-1", mail.Text, StringComparison.Ordinal);
        Assert.Empty(await Failures.ListRecentAsync());
        var routed = Assert.Single(await AuditAsync(), e => e.Action == NotificationAudit.HandDeliveryAction);
        Assert.Equal((TestCases.SubjectId, Staff.Approver, "Email"), (routed.Ids["recipientId"], routed.Ids["delivererId"], routed.Ids["channel"]));
    }

    [Fact]
    public async Task A_notice_nobody_can_hand_over_is_recorded_as_failed_for_an_administrator()
    {
        await Notifier.SendAsync(Notice(TestCases.OrphanCaseId));

        Assert.Empty(_graph.Requests);
        var failure = Assert.Single(await Failures.ListRecentAsync());
        Assert.Equal(("NoHandDeliverer", NotificationKind.DecisionNotice, TestCases.OrphanCaseId), (failure.Reason, failure.Kind, failure.CaseId));
    }

    [Fact]
    public async Task A_staff_member_without_an_address_is_not_deliverable_by_email_audited_once_and_not_a_failure()
    {
        var notification = TestNotifications.Of(NotificationKind.Outcome, Staff.NoAddress, taskId: null);

        await Notifier.SendAsync(notification);
        await Notifier.SendAsync(notification);

        Assert.Empty(_graph.Requests);
        Assert.Empty(await Failures.ListRecentAsync());
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((NotificationAudit.NotDeliverableAction, "NoAddress", Staff.NoAddress, "Email"), (entry.Action, entry.Reason, entry.Ids["recipientId"], entry.Ids["channel"]));
    }

    public void Dispose()
    {
        _services.Dispose();
        _graph.Dispose();
    }

    private INotificationFailureStore Failures => _services.GetRequiredService<INotificationFailureStore>();

    private static Notification Notice(string caseId) => TestNotifications.Of(NotificationKind.DecisionNotice, TestCases.SubjectId, taskId: null) with
    {
        CaseId = caseId,
        Step = "placementDecision",
        Language = "ru",
    };

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        [.. (await _services.GetRequiredService<IAuditLog>().ReadAsync(TestCases.CaseId)).Concat(await _services.GetRequiredService<IAuditLog>().ReadAsync(TestCases.OrphanCaseId))];
}
