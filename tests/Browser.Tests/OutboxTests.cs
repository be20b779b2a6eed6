using Microsoft.Playwright;
using Workflows.Approvals;
using Workflows.Functions.Notifications.Outbox;

namespace Workflows.Browser.Tests;

/// <summary>The development outbox page: each person finds the notifications sent to them, and their links work.</summary>
[Collection(BrowserTests.Name)]
public sealed class OutboxTests(BrowserApp app)
{
    [Fact]
    public async Task Approve_link_of_a_new_task_email_in_the_outbox_records_the_decision()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var outbox = app.Service<IOutboxStore>();
        await Waits.UntilAsync(
            async () => (await outbox.ListAsync(new OutboxQuery(TaskId: task.TaskId, Channel: "Email"))) is [var message, ..] ? message : null,
            "the new-task email of " + task.TaskId);

        await using var coordinator = await UiSession.StartAsync(app, "coordinator.almaty");
        await coordinator.GotoAsync("/development/outbox");
        await coordinator.Page.Locator("#outbox-mine").ClickAsync();
        var row = coordinator.Page.Locator($"#outbox-table tr[data-task-id='{task.TaskId}'][data-kind=NewTask][data-channel=Email]");
        await Assertions.Expect(row).ToContainTextAsync(reference);
        await Assertions.Expect(coordinator.Page.Locator("#outbox-table tbody tr:not([data-recipient='coordinator.almaty'])")).ToHaveCountAsync(0);
        await coordinator.ScreenshotAsync("development-outbox");

        await row.Locator("a[data-rel=approve]").ClickAsync();
        await coordinator.WaitForPathStartingWithAsync("/approvals/");
        await coordinator.Page.Locator("#comment").FillAsync("Eligible, from the email link.");
        await coordinator.Page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(coordinator.Page.Locator("main [role=status]")).ToContainTextAsync("Your decision has been recorded");

        var decided = await app.Service<IApprovalTaskStore>().GetAsync(task.TaskId);
        Assert.Equal(ApprovalTaskStatus.Decided, decided!.Status);
        Assert.Empty(coordinator.Problems);
    }

    [Fact]
    public async Task Outbox_filtered_by_case_lists_only_that_case()
    {
        var (first, firstCase) = await Seeds.ReferralAsync(app);
        var (second, _) = await Seeds.ReferralAsync(app);
        await Waits.OpenTaskAsync(app, "coordinator.almaty", first);
        await Waits.OpenTaskAsync(app, "coordinator.almaty", second);
        var outbox = app.Service<IOutboxStore>();
        await Waits.UntilAsync(async () => (await outbox.ListAsync(new OutboxQuery(CaseId: firstCase))) is [var message, ..] ? message : null, "a notification of " + first);

        await using var admin = await UiSession.StartAsync(app, "admin.central");
        await admin.GotoAsync("/development/outbox?caseId=" + Uri.EscapeDataString(firstCase));
        var rows = admin.Page.Locator("#outbox-table tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync(first);
        Assert.All(await rows.AllInnerTextsAsync(), text => Assert.DoesNotContain(second, text, StringComparison.Ordinal));
    }
}
