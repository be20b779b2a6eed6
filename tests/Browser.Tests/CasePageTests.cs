using Microsoft.Playwright;
using Workflows.Cases;
using Workflows.People;
using Workflows.Referrals;

namespace Workflows.Browser.Tests;

/// <summary>The case page: documents only in the tiers the reader may read (the others neither listed nor downloadable), and the next deadlines.</summary>
[Collection(BrowserTests.Name)]
public sealed class CasePageTests(BrowserApp app)
{
    [Fact]
    public async Task Documents_of_tiers_the_reader_may_not_read_are_hidden_and_the_next_deadline_shows()
    {
        var referrer = (await app.Service<IPersonDirectory>().FindAsync("referrer.almaty"))!.ToActor();
        var result = await app.Service<ReferralService>().StartReferralAsync(
            new ReferralRequest
            {
                PrisonerId = "P-" + Guid.NewGuid().ToString("N")[..8],
                FacilityId = "almaty",
                Trigger = "staffObservation",
                ReasonCodes = ["propaganda-distribution"],
                EvidenceNarrative = "Seen distributing leaflets glorifying an attack.",
                DateOfBirth = new DateOnly(1985, 7, 1),
                Attachments =
                [
                    new Attachment(DataTier.Workflow, "text/plain", "Incident report 42."u8.ToArray()),
                    new Attachment(DataTier.Intelligence, "text/plain", "Source report, restricted."u8.ToArray()),
                ],
            },
            referrer);
        var caseId = result.CaseId!;
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", result.CaseReference!, "eligibilityScreening");
        var documents = await app.Service<ICaseStore>().ListDocumentsAsync(caseId);
        var hidden = documents.Single(d => d.Tier == DataTier.Intelligence);
        var shown = documents.Single(d => d.Tier == DataTier.Workflow);

        await using var officer = await UiSession.StartAsync(app, "referrer.almaty");
        await officer.GotoAsync("/cases/" + caseId);
        var list = officer.Page.Locator("section[aria-labelledby=documents-title]");
        await Assertions.Expect(list.Locator("a[download]")).ToHaveCountAsync(1);
        await Assertions.Expect(list.Locator($"a[href$='/documents/{shown.DocumentId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(list).Not.ToContainTextAsync(hidden.DocumentId);
        await Assertions.Expect(list.Locator("h3")).ToHaveTextAsync(["Workflow"]);
        var download = await officer.Context.APIRequest.GetAsync($"/api/cases/{caseId}/documents/{hidden.DocumentId}");
        Assert.True(download.Status is 403 or 404, $"The hidden document answered {download.Status}.");
        Assert.Equal(200, (await officer.Context.APIRequest.GetAsync($"/api/cases/{caseId}/documents/{shown.DocumentId}")).Status);

        // The screening task's deadline, with its time in the reader's culture.
        var deadline = officer.Page.Locator("#deadlines li", new() { HasText = "Eligibility screening (Programme coordinator)" });
        await Assertions.Expect(deadline).ToHaveCountAsync(1);
        await Assertions.Expect(deadline.Locator("time")).ToHaveAttributeAsync("datetime", task.Due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        await officer.ScreenshotAsync("case-page-documents");

        // The director may read intelligence: both documents, each under its tier.
        await using var director = await UiSession.StartAsync(app, "director.almaty");
        await director.GotoAsync("/cases/" + caseId);
        var all = director.Page.Locator("section[aria-labelledby=documents-title]");
        await Assertions.Expect(all.Locator("a[download]")).ToHaveCountAsync(2);
        await Assertions.Expect(all.Locator($"a[href$='/documents/{hidden.DocumentId}']")).ToHaveCountAsync(1);
        Assert.Empty(officer.Problems.Concat(director.Problems));
    }
}
