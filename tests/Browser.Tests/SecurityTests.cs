using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Development;

namespace Workflows.Browser.Tests;

/// <summary>
/// The UI's protections seen from the browser: a Content Security Policy without inline script, and every
/// form refusing a POST without its anti-forgery token (400) with nothing written.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class SecurityTests(BrowserApp app)
{
    [Fact]
    public async Task Ui_pages_carry_a_content_security_policy_without_inline_script()
    {
        await using var session = await UiSession.StartAsync(app, "coordinator.almaty");
        foreach (var path in new[] { "/tasks", "/signin", "/development/clock" })
        {
            var response = await session.Page.GotoAsync(path);
            var policy = (await response!.AllHeadersAsync())["content-security-policy"];
            var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("script-src 'self'", directives);
            Assert.Contains("default-src 'self'", directives);
            Assert.Contains("frame-ancestors 'none'", directives);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);

            // And the pages need nothing more: no inline script or handler attribute, no CSP report.
            Assert.Equal(0, await session.Page.Locator("script:not([src]), [onclick], [onload], [onerror], [onsubmit]").CountAsync());
        }

        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Every_form_refuses_a_post_without_its_anti_forgery_token_and_writes_nothing()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var instanceId = "referral-" + reference;
        var tasks = app.Service<IApprovalTaskStore>();
        var client = app.Service<OrchestrationClient>();
        var clock = app.Service<DevelopmentClock>();
        var offset = clock.Offset;
        var approveLink = await Waits.ApproveLinkAsync(app, task.TaskId);
        var prisonerId = "P-NOTOKEN-" + Guid.NewGuid().ToString("N")[..6];

        await using var referrer = await UiSession.StartAsync(app, "referrer.almaty");
        await AssertRefusedAsync(referrer, "/intake/referral", ("PrisonerId", prisonerId), ("FacilityId", "almaty"), ("Trigger", "staffObservation"), ("ReasonCodes", "threats-to-staff"), ("EvidenceNarrative", "Threats."), ("DateOfBirth", "1990-05-01"));
        await AssertRefusedAsync(referrer, "/culture", ("culture", "ar"), ("returnUrl", "/"));

        await using var coordinator = await UiSession.StartAsync(app, "coordinator.almaty");
        await AssertRefusedAsync(coordinator, $"/tasks/{task.TaskId}?handler=Decide", ("Decision", "Approve"), ("Comment", "Eligible."));
        await AssertRefusedAsync(coordinator, $"/tasks/{task.TaskId}?handler=Delegate", ("DelegateId", "headrehab.south"));
        await AssertRefusedAsync(coordinator, approveLink, ("Comment", "From the email."));
        await AssertRefusedAsync(coordinator, "/development/clock", ("By", "P30D"));

        await using var admin = await UiSession.StartAsync(app, "admin.central");
        await AssertRefusedAsync(admin, $"/admin/instances/{Uri.EscapeDataString(instanceId)}/actions/terminate", ("Reason", "No token."));
        await AssertRefusedAsync(admin, $"/admin/tasks/{task.TaskId}/reassign", ("AssigneeId", "headrehab.south"), ("Reason", "No token."));

        await using var anonymous = await UiSession.StartAsync(app, null);
        await anonymous.GotoAsync("/signin");
        await AssertRefusedAsync(anonymous, "/signin", ("PersonId", "admin.central"));

        // Nothing was written: no referral, no decision or delegation or reassignment, the instance runs, the clock
        // stands, nobody was signed in and no language was chosen.
        var referrals = await client.QueryInstancesAsync(new InstanceQuery { Name = "Referral", PageSize = 1000, FetchInputsAndOutputs = true });
        Assert.DoesNotContain(referrals.Instances, i => i.Input?.Contains(prisonerId, StringComparison.Ordinal) == true);
        var unchanged = await tasks.GetAsync(task.TaskId);
        Assert.Equal((ApprovalTaskStatus.Open, "coordinator.almaty", (string?)null), (unchanged!.Status, unchanged.AssigneeId, unchanged.DelegateId));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await client.GetInstanceAsync(instanceId))!.RuntimeStatus);
        Assert.Equal(offset, clock.Offset);
        Assert.DoesNotContain(await anonymous.Context.CookiesAsync(), c => c.Name == "workflows.auth");
        Assert.DoesNotContain(await referrer.Context.CookiesAsync(), c => c.Name == Workflows.Functions.Ui.UiCultures.CookieName);
    }

    /// <summary>POSTs the fields as the form would, with the session's cookies (anti-forgery cookie included) but without the form token.</summary>
    private static async Task AssertRefusedAsync(UiSession session, string path, params (string Name, string Value)[] fields)
    {
        var form = session.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Append(name, value);
        }

        var response = await session.Context.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
        Assert.True(response.Status == 400, $"POST {path} without the anti-forgery token answered {response.Status}.");
    }
}
