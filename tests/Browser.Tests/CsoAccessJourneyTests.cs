using Microsoft.Playwright;
using Workflows.Cases;

namespace Workflows.Browser.Tests;

/// <summary>A CSO's application with two staff members, through the completeness check, the parallel reviews (with each staff member's vetting), the final decision and site onboarding, to an active permit.</summary>
[Collection(BrowserTests.Name)]
public sealed class CsoAccessJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Application_with_two_staff_members_runs_through_parallel_reviews_to_an_active_permit()
    {
        await using var focalPoint = await UiSession.StartAsync(app, "focalpoint.cso-bridge");
        await focalPoint.GotoAsync("/intake/cso-access");
        var page = focalPoint.Page;
        await page.Locator("#registrationNumber").FillAsync("REG-" + Guid.NewGuid().ToString("N")[..6]);
        await page.Locator("#programmeDescription").FillAsync("Mentoring and vocational training, evaluated yearly.");
        await page.Locator("#targetGroup").FillAsync("Adult men in the last year of their sentence.");
        await page.Locator("input[name=StaffIds][value='staff1.cso-bridge']").CheckAsync();
        await page.Locator("input[name=StaffIds][value='staff2.cso-bridge']").CheckAsync();
        await page.Locator("input[name=FacilityIds][value=almaty]").CheckAsync();
        await page.Locator("#safeguardingPolicyProvided").CheckAsync();
        await page.Locator("#dataHandlingPlanProvided").CheckAsync();
        await page.Locator("#codeOfConductAccepted").CheckAsync();
        await focalPoint.ScreenshotAsync("intake-cso-access");
        await page.Locator("#intake-form button[type=submit]").ClickAsync();
        await focalPoint.WaitForPathStartingWithAsync("/intake/submitted/");
        var reference = (await page.Locator("#case-reference").InnerTextAsync()).Trim();

        await using (var partnerships = await UiSession.StartAsync(app, "partnerships.central"))
        {
            await Decisions.DecideAsync(partnerships, "partnerships.central", reference, "completenessCheck");
        }

        foreach (var reviewer in new[] { "legal.central", "programmereview.central", "dpo.central" })
        {
            await using var session = await UiSession.StartAsync(app, reviewer);
            await Decisions.DecideAsync(session, reviewer, reference, "parallelReviews");
        }

        await using (var security = await UiSession.StartAsync(app, "natsec.central"))
        {
            // The organisation's security review and the vetting of each staff member: three tasks, in parallel.
            await Decisions.DecideAsync(security, "natsec.central", reference, "parallelReviews");
            await Decisions.DecideAsync(security, "natsec.central", reference, "staffVetting");
            await Decisions.DecideAsync(security, "natsec.central", reference, "staffVetting");
        }

        await using (var head = await UiSession.StartAsync(app, "headcentral.central"))
        {
            await Decisions.DecideAsync(head, "headcentral.central", reference, "finalDecision");
        }

        await using (var director = await UiSession.StartAsync(app, "director.almaty"))
        {
            await Decisions.DecideAsync(director, "director.almaty", reference, "siteOnboarding");
        }

        var cases = app.Service<ICaseStore>();
        var caseId = "case-" + reference.ToLowerInvariant();
        await Waits.UntilAsync(async () => (await cases.GetAsync(caseId)) is { Status: "PermitActive" } c ? c : null, "the permit to be active");
        await focalPoint.GotoAsync("/cases/" + caseId);
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("Permit active");
        await Assertions.Expect(page.Locator("#case-timeline")).ToContainTextAsync("Staff vetting");
        await focalPoint.ScreenshotAsync("case-page-cso");
        Assert.Empty(focalPoint.Problems);
    }
}
