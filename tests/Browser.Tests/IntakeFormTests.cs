using System.Globalization;
using Microsoft.Playwright;
using Workflows.Cases;

namespace Workflows.Browser.Tests;

/// <summary>The pre-release and repatriation forms submitted in the browser by the people who open those cases, each to its confirmation and case page.</summary>
[Collection(BrowserTests.Name)]
public sealed class IntakeFormTests(BrowserApp app)
{
    [Fact]
    public async Task Social_worker_submits_a_pre_release_plan()
    {
        await using var worker = await UiSession.StartAsync(app, "socialworker.almaty");
        await worker.GotoAsync("/intake/pre-release");
        var page = worker.Page;
        var release = app.Service<TimeProvider>().GetUtcNow().AddDays(200).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#prisonerId").FillAsync("P-" + Guid.NewGuid().ToString("N")[..8]);
        await page.Locator("#releaseDate").FillAsync(release);
        await page.Locator("#riskLevel-Medium").CheckAsync();
        await page.Locator("#caringResponsibilities").CheckAsync();
        await worker.ScreenshotAsync("intake-pre-release-filled");

        var reference = await SubmitAsync(worker);
        var record = await CaseAsync(reference);
        Assert.Equal((WorkflowNames.PreRelease, "almaty"), (record.Workflow, record.FacilityId));
        await worker.GotoAsync("/cases/" + record.CaseId);
        await Assertions.Expect(page.Locator("#case-facts")).ToContainTextAsync("Pre-release planning");
        Assert.Empty(worker.Problems);
    }

    [Fact]
    public async Task Social_worker_records_a_womans_sex_on_the_pre_release_form_and_it_reaches_the_case()
    {
        await using var worker = await UiSession.StartAsync(app, "socialworker.kostanay");
        await worker.GotoAsync("/intake/pre-release");
        var page = worker.Page;
        var release = app.Service<TimeProvider>().GetUtcNow().AddDays(200).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#prisonerId").FillAsync("P-" + Guid.NewGuid().ToString("N")[..8]);
        await page.Locator("#releaseDate").FillAsync(release);
        await page.Locator("#riskLevel-Medium").CheckAsync();
        await page.Locator("#sex").SelectOptionAsync("female");

        var record = await CaseAsync(await SubmitAsync(worker));

        var identity = (await app.Service<ICaseStore>().ReadSectionsAsync(record.CaseId)).Single(s => s.Name == "identity");
        Assert.Equal((DataTier.Identity, "female"), (identity.Tier, identity.Data.GetProperty("Sex").GetString()));
    }

    [Fact]
    public async Task Consular_officer_submits_a_repatriated_household()
    {
        await using var consular = await UiSession.StartAsync(app, "consular.central");
        await consular.GotoAsync("/intake/repatriation");
        var page = consular.Page;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#consularListRef").FillAsync("CL-" + suffix);
        await page.Locator("#members").FillAsync("M-" + suffix);
        await page.Locator("#members-0-Adult").CheckAsync();
        await page.Locator("#members-0-BornAbroad").UncheckAsync();
        await page.Locator("#members-1").FillAsync("C-" + suffix);
        await page.Locator("#members-1-BornAbroad").CheckAsync();
        await consular.ScreenshotAsync("intake-repatriation-filled");

        var reference = await SubmitAsync(consular);
        var record = await CaseAsync(reference);
        Assert.Equal((WorkflowNames.Repatriation, "aktau"), (record.Workflow, record.FacilityId));
        await consular.GotoAsync("/cases/" + record.CaseId);
        await Assertions.Expect(page.Locator("#case-facts")).ToContainTextAsync("Repatriation");
        Assert.Empty(consular.Problems);
    }

    private static async Task<string> SubmitAsync(UiSession session)
    {
        await session.Page.Locator("#intake-form button[type=submit]").ClickAsync();
        await session.WaitForPathStartingWithAsync("/intake/submitted/");
        var reference = (await session.Page.Locator("#case-reference").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(reference));
        return reference;
    }

    private async Task<CaseRecord> CaseAsync(string reference) =>
        await Waits.UntilAsync(() => app.Service<ICaseStore>().GetAsync("case-" + reference.ToLowerInvariant()), "the case " + reference);
}
