namespace Workflows.Browser.Tests;

/// <summary>Fills and submits the referral form as a person would, and reads the reference from the confirmation.</summary>
public static class ReferralForm
{
    public static async Task FillAsync(UiSession session, string prisonerId, string evidence = "Threatened two officers during the evening count on 3 May.")
    {
        ArgumentNullException.ThrowIfNull(session);
        var page = session.Page;
        await session.GotoAsync("/intake/referral");
        await page.Locator("#prisonerId").FillAsync(prisonerId);
        await page.Locator("#trigger").SelectOptionAsync("staffObservation");
        await page.Locator("input[name=ReasonCodes][value=threats-to-staff]").CheckAsync();
        await page.Locator("#evidenceNarrative").FillAsync(evidence);
        await page.Locator("#dateOfBirth").FillAsync("1990-05-01");
    }

    public static async Task<string> SubmitAsync(UiSession session, string prisonerId)
    {
        ArgumentNullException.ThrowIfNull(session);
        await FillAsync(session, prisonerId);
        await session.Page.Locator("#intake-form button[type=submit]").ClickAsync();
        await session.WaitForPathStartingWithAsync("/intake/submitted/");
        return (await session.Page.Locator("#case-reference").InnerTextAsync()).Trim();
    }
}
