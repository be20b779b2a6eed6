using Microsoft.Playwright;
using Workflows.Approvals;

namespace Workflows.Browser.Tests;

/// <summary>axe-core on every page, as the people who use it (and in Arabic for the forms): no serious or critical violation. Screenshots of each.</summary>
[Collection(BrowserTests.Name)]
public sealed class AccessibilityTests(BrowserApp app)
{
    [Fact]
    public async Task Every_page_has_no_serious_or_critical_axe_violation()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var approveLink = await Waits.ApproveLinkAsync(app, task.TaskId);
        var instanceId = "referral-" + reference;
        var violations = new List<string>();

        async Task CheckAsync(string? person, string screenshot, params string[] paths)
        {
            await using var session = await UiSession.StartAsync(app, person);
            foreach (var path in paths)
            {
                await session.GotoAsync(path);
                violations.AddRange((await session.SeriousViolationsAsync()).Select(v => $"{path} as {person ?? "anonymous"}: {v}"));
            }

            await session.ScreenshotAsync(screenshot);
            violations.AddRange(session.Problems.Select(p => $"{screenshot}: {p}"));
        }

        await CheckAsync(null, "approval-link-invalid", "/forbidden", "/approvals/not-a-token", "/signin");
        await CheckAsync("referrer.almaty", "intake-complaint", "/", "/intake", "/intake/submitted/" + caseId, "/cases/" + caseId, "/intake/referral", "/intake/complaint");
        await CheckAsync("coordinator.almaty", "approval-link", approveLink);
        await CheckAsync("coordinator.almaty", "inbox", "/tasks/" + task.TaskId, "/tasks");
        await CheckAsync("focalpoint.cso-bridge", "intake-cso-form", "/intake/cso-access");
        await CheckAsync("socialworker.almaty", "intake-pre-release", "/intake/pre-release");
        await CheckAsync("consular.central", "intake-repatriation", "/intake/repatriation", "/development/outbox?recipient=me");
        await CheckAsync("inspector.central", "audit", "/cases/" + caseId + "/audit");
        await CheckAsync("director.almaty", "case-partners", "/cases/" + caseId + "/partners");
        var actions = "/admin/instances/" + Uri.EscapeDataString(instanceId) + "/actions/";
        await CheckAsync("admin.central", "instances", "/admin", "/admin/instances/" + Uri.EscapeDataString(instanceId), actions + "terminate", actions + "raise-event", actions + "restart",
            "/admin/tasks/" + task.TaskId + "/reassign", "/development/clock", "/admin/instances", "/admin/instances?name=Referral&sort=oldest", "/admin/purge?name=Referral", actions + "purge", "/admin/tasks/overdue", "/admin/tasks/escalations");

        await using (var arabic = await UiSession.StartAsync(app, "referrer.almaty", locale: "ar"))
        {
            foreach (var path in new[] { "/", "/intake/referral", "/cases/" + caseId })
            {
                await arabic.GotoAsync(path);
                violations.AddRange((await arabic.SeriousViolationsAsync()).Select(v => $"{path} in Arabic: {v}"));
            }
        }

        await using (var errors = await UiSession.StartAsync(app, "referrer.almaty"))
        {
            await ReferralForm.FillAsync(errors, "P-AXE", evidence: "   ");
            await errors.Page.Locator("#intake-form button[type=submit]").ClickAsync();
            await errors.Page.Locator(".error-summary").WaitForAsync();
            violations.AddRange((await errors.SeriousViolationsAsync()).Select(v => "/intake/referral with errors: " + v));
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task Approval_link_page_with_a_veto_roles_reasons_has_no_serious_or_critical_axe_violation_with_or_without_errors()
    {
        var reference = await Seeds.CsoApplicationUnderReviewAsync(app);
        var task = await Waits.OpenTaskAsync(app, "natsec.central", reference, "parallelReviews");
        var link = await Waits.ApproveLinkAsync(app, task.TaskId);
        await using var security = await UiSession.StartAsync(app, "natsec.central");
        var page = security.Page;

        await security.GotoAsync(link);
        await Assertions.Expect(page.Locator("label[for=reasonCodes]")).ToHaveTextAsync("Incomplete application");
        var violations = (await security.SeriousViolationsAsync()).Select(v => "with the reasons: " + v).ToList();
        await page.Locator("#decision-reject").CheckAsync();
        await page.Locator("#comment").FillAsync("Undisclosed conviction of a staff member.");
        await page.Locator("#decision-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#reasonCodes-error")).ToContainTextAsync("Choose at least one behavioural reason.");
        await security.ScreenshotAsync("approval-link-veto-reasons-error");
        violations.AddRange((await security.SeriousViolationsAsync()).Select(v => "with the reasons' error: " + v));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Equal(ApprovalTaskStatus.Open, (await app.Service<IApprovalTaskStore>().GetAsync(task.TaskId))!.Status);
    }
}
