using Microsoft.Extensions.DependencyInjection;
using Workflows.Functions.Notifications.Email;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Tests;

public sealed class EmailCompositionTests
{
    private readonly ServiceProvider _services = NotificationServices.Create(NotificationServices.Settings()).BuildServiceProvider();

    private EmailChannel Email => _services.GetServices<INotificationChannel>().OfType<EmailChannel>().Single();

    [Fact]
    public async Task An_arabic_new_task_email_is_right_to_left_in_arabic_with_approval_links()
    {
        var message = await Email.ComposeAsync(TestNotifications.NewTask(Staff.ArabicApprover), new NotificationRecipient(Staff.ArabicApprover, await FindAsync(Staff.ArabicApprover), "ar"), default);

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", message.Html, StringComparison.Ordinal);
        Assert.StartsWith("مطلوب موافقة", message.Subject, StringComparison.Ordinal);
        Assert.Contains("href=\"https://workflows.test/approvals/tok-t-1-p-approver-ar?decision=approve\"", message.Html, StringComparison.Ordinal);
        Assert.Contains(">موافقة</a>", message.Html, StringComparison.Ordinal);
        Assert.Equal(["approve", "reject", "open"], message.Links.Select(l => l.Rel));
    }

    [Fact]
    public async Task The_plain_text_alternative_carries_the_same_facts_and_links()
    {
        var message = await Email.ComposeAsync(TestNotifications.NewTask(Staff.Approver), new NotificationRecipient(Staff.Approver, await FindAsync(Staff.Approver), "fr"), default);

        Assert.Contains("Référence du dossier: REF-2026-0042", message.Text, StringComparison.Ordinal);
        Assert.Contains("Approuver: https://workflows.test/approvals/tok-t-1-p-approver?decision=approve", message.Text, StringComparison.Ordinal);
        Assert.Contains("Rejeter: https://workflows.test/approvals/tok-t-1-p-approver?decision=reject", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_is_structured_for_screen_readers()
    {
        var message = await Email.ComposeAsync(TestNotifications.NewTask(Staff.Approver), new NotificationRecipient(Staff.Approver, await FindAsync(Staff.Approver), "fr"), default);

        Assert.Contains("<title>", message.Html, StringComparison.Ordinal);
        Assert.Contains("<h1", message.Html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\"", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_are_html_encoded()
    {
        var notification = TestNotifications.NewTask(Staff.Approver) with { CaseReference = "<script>alert(1)</script>" };

        var message = await Email.ComposeAsync(notification, new NotificationRecipient(Staff.Approver, null, "en"), default);

        Assert.DoesNotContain("<script>", message.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_notice_to_the_subject_has_the_challenge_route_and_no_links()
    {
        var notification = TestNotifications.Of(NotificationKind.DecisionNotice, "subject-77", taskId: null) with { Language = "ru" };

        var message = await Email.ComposeAsync(notification, new NotificationRecipient("subject-77", null, "ru"), default);

        Assert.Empty(message.Links);
        Assert.Contains("Вы можете подать жалобу", message.Text, StringComparison.Ordinal);
        Assert.Contains("REF-2026-0042", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Здравствуйте", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_notice_names_its_step_and_its_result_in_the_persons_language_not_by_their_codes()
    {
        var notification = TestNotifications.Of(NotificationKind.DecisionNotice, "subject-77", taskId: null) with { Language = "fr", Step = "housingConfirmation", Code = "ConditionsAndRightsBriefing" };

        var message = await Email.ComposeAsync(notification, new NotificationRecipient("subject-77", null, "fr"), default);

        Assert.Equal([("Référence du dossier", "REF-2026-0042"), ("Étape", "Confirmation du logement"), ("Résultat", "Information sur les conditions de libération et les droits")], ReceivedMail.FactsOf(message.Html));
        Assert.DoesNotContain("housingConfirmation", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_task_subject_names_the_step_in_the_recipients_language()
    {
        var notification = TestNotifications.NewTask(Staff.Approver) with { Step = "eligibilityScreening" };

        var message = await Email.ComposeAsync(notification, new NotificationRecipient(Staff.Approver, null, "es"), default);

        Assert.Contains("Evaluación de admisibilidad", message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("eligibilityScreening", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_a_deployment_adds_without_a_text_is_named_by_its_code()
    {
        var notification = TestNotifications.NewTask(Staff.Approver) with { Step = "localExtraCheck" };

        var message = await Email.ComposeAsync(notification, new NotificationRecipient(Staff.Approver, null, "en"), default);

        Assert.Contains("localExtraCheck", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clarification_request_links_to_the_task_page_without_approval_links()
    {
        var notification = TestNotifications.Of(NotificationKind.ClarificationRequested, Staff.Other, "t-clar");

        var message = await Email.ComposeAsync(notification, new NotificationRecipient(Staff.Other, null, "en"), default);

        Assert.Equal([new NotificationLink("open", new Uri("https://workflows.test/tasks/t-clar"))], message.Links);
        Assert.Empty(_services.GetRequiredService<FakeApprovalLinks>().Issued);
    }

    [Fact]
    public async Task An_outcome_links_to_the_case_page()
    {
        var notification = TestNotifications.Of(NotificationKind.Outcome, Staff.Other, taskId: null);

        var message = await Email.ComposeAsync(notification, new NotificationRecipient(Staff.Other, null, "en"), default);

        Assert.Equal([new NotificationLink("case", new Uri("https://workflows.test/cases/case-1"))], message.Links);
    }

    [Fact]
    public async Task By_default_an_outcome_does_not_state_its_result()
    {
        var notification = TestNotifications.Of(NotificationKind.Outcome, Staff.Other, taskId: null);

        var message = await Email.ComposeAsync(notification, new NotificationRecipient(Staff.Other, null, "en"), default);

        Assert.Equal([("Case reference", "REF-2026-0042"), ("Step", "eligibility")], ReceivedMail.FactsOf(message.Html));
        Assert.DoesNotContain("Approved", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_that_allows_results_states_the_outcome()
    {
        using var services = NotificationServices.Create(new Dictionary<string, string?>(NotificationServices.Settings()) { ["Workflows:Notifications:MessageFacts"] = "CaseReference, Step, Result" }).BuildServiceProvider();
        var email = services.GetServices<INotificationChannel>().OfType<EmailChannel>().Single();

        var message = await email.ComposeAsync(TestNotifications.Of(NotificationKind.Outcome, Staff.Other, taskId: null), new NotificationRecipient(Staff.Other, null, "en"), default);

        Assert.Equal([("Case reference", "REF-2026-0042"), ("Step", "eligibility"), ("Result", "Approved")], ReceivedMail.FactsOf(message.Html));
        Assert.Contains("Result: Approved", message.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotificationKind.NewTask)]
    [InlineData(NotificationKind.Reminder)]
    [InlineData(NotificationKind.Escalation)]
    [InlineData(NotificationKind.Reassigned)]
    [InlineData(NotificationKind.Delegated)]
    [InlineData(NotificationKind.ClarificationAnswered)]
    public async Task Every_kind_that_asks_for_a_decision_carries_approval_links_bound_to_the_recipient(NotificationKind kind)
    {
        var notification = TestNotifications.Of(kind, Staff.Approver);

        var message = await Email.ComposeAsync(notification, new NotificationRecipient(Staff.Approver, null, "en"), default);

        Assert.Contains(message.Links, l => l.Rel == "approve");
        Assert.Equal(("t-1", Staff.Approver), _services.GetRequiredService<FakeApprovalLinks>().Issued.Select(i => (i.TaskId, i.ApproverId)).Single());
    }

    private async Task<Workflows.People.Person?> FindAsync(string id) =>
        await _services.GetRequiredService<Workflows.People.IPersonDirectory>().FindAsync(id);
}
