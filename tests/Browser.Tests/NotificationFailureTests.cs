using Microsoft.Playwright;
using Workflows.Functions.Notifications.Failures;
using Workflows.Notifications;

namespace Workflows.Browser.Tests;

/// <summary>A notification that failed after its last attempt shows on the dashboard and in the case's audit trail.</summary>
[Collection(BrowserTests.Name)]
public sealed class NotificationFailureTests(BrowserApp app)
{
    [Fact]
    public async Task Failed_notification_is_listed_on_the_dashboard_and_in_the_audit_trail()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        await app.Service<NotificationFailureRecorder>().RecordAsync(
            new Notification
            {
                IdempotencyKey = "test-" + task.TaskId,
                Kind = NotificationKind.Reminder,
                RecipientId = "coordinator.almaty",
                CaseId = caseId,
                CaseReference = reference,
                Workflow = task.Workflow,
                Step = task.Step,
                TaskId = task.TaskId,
                InstanceId = task.InstanceId,
            },
            "Email",
            "Graph503");

        await using var admin = await UiSession.StartAsync(app, "admin.central");
        await admin.GotoAsync("/admin");
        var row = admin.Page.Locator($"#notification-failure-table tr[data-task-id='{task.TaskId}']");
        await Assertions.Expect(row).ToContainTextAsync("Graph503");
        await Assertions.Expect(row).ToContainTextAsync("Reminder");

        await using var inspector = await UiSession.StartAsync(app, "inspector.central");
        await inspector.GotoAsync("/cases/" + caseId + "/audit");
        await Assertions.Expect(inspector.Page.Locator("main")).ToContainTextAsync("Notification failed");
        Assert.Empty(admin.Problems.Concat(inspector.Problems));
    }
}
