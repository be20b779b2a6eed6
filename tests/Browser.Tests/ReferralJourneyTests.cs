using Microsoft.Playwright;

namespace Workflows.Browser.Tests;

/// <summary>
/// The referral from form to escalation in a real browser: the referrer submits, the coordinator approves
/// from the inbox, the development clock moves 31 days, the director (the risk assessment's escalation
/// role) finds the task in their inbox, and the administrator watches the instance move and opens its timeline.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReferralJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Referral_submitted_approved_and_escalated_is_visible_to_each_person_and_on_the_dashboard()
    {
        await using var referrer = await UiSession.StartAsync(app, "referrer.almaty");
        var reference = await ReferralForm.SubmitAsync(referrer, "P-" + Guid.NewGuid().ToString("N")[..8]);
        await referrer.ScreenshotAsync("intake-confirmation");

        await Waits.OpenTaskAsync(app, "coordinator.almaty", reference, "eligibilityScreening");
        await using var admin = await UiSession.StartAsync(app, "admin.central");
        await admin.GotoAsync($"/admin/instances?name=Referral&caseReference={reference}");
        await Assertions.Expect(admin.Page.Locator("#instance-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Page.Locator("#instance-table tbody td.step")).ToHaveTextAsync("Eligibility screening");

        await using var coordinator = await UiSession.StartAsync(app, "coordinator.almaty");
        await coordinator.GotoAsync("/tasks");
        await coordinator.Page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await coordinator.ScreenshotAsync("task-page");
        await coordinator.Page.Locator("#decision").CheckAsync();
        await coordinator.Page.Locator("#comment").FillAsync("Eligible: behaviour documented.");
        await coordinator.Page.Locator("#decision-form button[type=submit]").ClickAsync();
        await coordinator.WaitForPathAsync("/tasks");
        await Assertions.Expect(coordinator.Page.Locator("main [role=status]").First).ToContainTextAsync("Your decision has been recorded");

        await Waits.OpenTaskAsync(app, "assessor1.almaty", reference, "riskAssessment");
        await admin.Page.ReloadAsync();
        await Assertions.Expect(admin.Page.Locator("#instance-table tbody td.step")).ToHaveTextAsync("Risk and needs assessment");

        // Other tests move the shared clock too: the offset grows by the 31 days asked for.
        await coordinator.GotoAsync("/development/clock");
        var before = System.Xml.XmlConvert.ToTimeSpan(await coordinator.Page.Locator("#clock-offset").InnerTextAsync());
        await coordinator.Page.Locator("#by").FillAsync("P31D");
        await coordinator.Page.Locator("#clock-form button[type=submit]").ClickAsync();
        await Assertions.Expect(coordinator.Page.Locator("main .notice.success")).ToBeVisibleAsync();
        Assert.Equal(before + TimeSpan.FromDays(31), System.Xml.XmlConvert.ToTimeSpan(await coordinator.Page.Locator("#clock-offset").InnerTextAsync()));

        var escalated = await Waits.OpenTaskAsync(app, "director.almaty", reference, "riskAssessment");
        await using var director = await UiSession.StartAsync(app, "director.almaty");
        await director.GotoAsync("/tasks");
        var row = director.Page.Locator($"#task-table tr[data-task-id='{escalated.TaskId}']");
        await Assertions.Expect(row).ToContainTextAsync("Risk and needs assessment");
        await director.ScreenshotAsync("inbox-after-escalation");

        await admin.GotoAsync("/admin");
        await admin.ScreenshotAsync("dashboard");
        // The dashboard shows the 50 most overdue tasks of every test; the full list finds this case's.
        await admin.Page.Locator("#overdue-all").ClickAsync();
        await admin.Page.Locator("#caseReference").FillAsync(reference);
        await admin.Page.Locator("#due-task-filters button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#due-task-table")).ToContainTextAsync(reference);
        await admin.GotoAsync($"/admin/instances?caseReference={reference}&name=Referral");
        await admin.Page.Locator("#instance-table tbody a").ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#instance-gantt g.gantt-row[data-kind=Step]")).ToHaveCountAsync(2);
        await Assertions.Expect(admin.Page.Locator("#instance-history")).ToContainTextAsync("SubOrchestrationCreated");
        await admin.ScreenshotAsync("instance-timeline");

        Assert.Empty(referrer.Problems.Concat(admin.Problems).Concat(coordinator.Problems).Concat(director.Problems));
    }
}
