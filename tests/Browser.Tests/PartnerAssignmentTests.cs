using Microsoft.Playwright;

namespace Workflows.Browser.Tests;

/// <summary>
/// A prison director assigns a CSO staff member vetted under an active permit to a prisoner's referral from the
/// case page; the staff member then sees the case without its documents, tasks or timeline, and not at all once the assignment ends.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PartnerAssignmentTests(BrowserApp app)
{
    private const string Staff = "staff1.cso-bridge";

    [Fact]
    public async Task Director_assigns_CSO_staff_who_see_the_case_without_documents_until_the_assignment_ends()
    {
        await Seeds.CsoPermitAsync(app);
        var (_, caseId) = await Seeds.ReferralAsync(app);
        await using var partner = await UiSession.StartAsync(app, Staff);
        Assert.Equal(404, await partner.GotoAsync("/cases/" + caseId));

        await using var director = await UiSession.StartAsync(app, "director.almaty");
        await director.GotoAsync("/cases/" + caseId);
        await director.Page.Locator("#partners-link").ClickAsync();
        await director.WaitForPathAsync($"/cases/{caseId}/partners");
        await Assertions.Expect(director.Page.Locator("#no-partners")).ToBeVisibleAsync();
        var option = director.Page.Locator("#assignment option", new() { HasText = Staff }).First;
        await director.Page.Locator("#assignment").SelectOptionAsync(new SelectOptionValue { Value = await option.GetAttributeAsync("value") });
        await director.Page.Locator("#assign-form button[type=submit]").ClickAsync();
        await Assertions.Expect(director.Page.Locator("main [role=status]").First).ToContainTextAsync("The CSO staff member is assigned");
        await Assertions.Expect(director.Page.Locator($"#partner-list li[data-person-id='{Staff}']")).ToBeVisibleAsync();
        await Assertions.Expect(director.Page.Locator("#assignment option", new() { HasText = Staff })).ToHaveCountAsync(0);
        await director.ScreenshotAsync("case-partners");

        Assert.Equal(200, await partner.GotoAsync("/cases/" + caseId));
        await Assertions.Expect(partner.Page.Locator("a[href*='/documents/']")).ToHaveCountAsync(0);
        await Assertions.Expect(partner.Page.Locator("#partner-note")).ToBeVisibleAsync();
        await Assertions.Expect(partner.Page.Locator("#case-timeline")).ToHaveCountAsync(0);
        await partner.ScreenshotAsync("case-as-cso-staff");

        // A blank reason passes the browser's `required` check; the server refuses it next to that person's field.
        await director.Page.Locator($"#partner-list li[data-person-id='{Staff}'] textarea").FillAsync("   ");
        await director.Page.Locator($"#partner-list li[data-person-id='{Staff}'] button[type=submit]").ClickAsync();
        await Assertions.Expect(director.Page.Locator($"[id='reason-{Staff}-error']")).ToContainTextAsync("Give a reason");
        Assert.Equal(200, await partner.GotoAsync("/cases/" + caseId));

        await director.Page.Locator($"#partner-list li[data-person-id='{Staff}'] textarea").FillAsync("Mentoring completed.");
        await director.Page.Locator($"#partner-list li[data-person-id='{Staff}'] button[type=submit]").ClickAsync();
        await Assertions.Expect(director.Page.Locator("main [role=status]").First).ToContainTextAsync("The assignment has ended");
        await Assertions.Expect(director.Page.Locator("#no-partners")).ToBeVisibleAsync();
        Assert.Equal(404, await partner.GotoAsync("/cases/" + caseId));
        Assert.Empty(director.Problems);
    }

    [Fact]
    public async Task A_referrer_without_an_assigning_role_sees_no_link_and_is_refused_the_page()
    {
        var (_, caseId) = await Seeds.ReferralAsync(app);
        await using var referrer = await UiSession.StartAsync(app, "referrer.almaty");

        await referrer.GotoAsync("/cases/" + caseId);
        await Assertions.Expect(referrer.Page.Locator("#partners-link")).ToHaveCountAsync(0);
        Assert.Equal(403, await referrer.GotoAsync($"/cases/{caseId}/partners"));
    }
}
