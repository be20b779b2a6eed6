using Microsoft.Playwright;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Browser.Tests;

/// <summary>
/// Attachments refused on the referral form, in the user's language next to the field, with the rest of the
/// form kept and nothing written: a type the form does not take, a content that is not its declared type, and a
/// file over the 10 MB limit that is also over the host's 12 MB request limit (the API answers that with 413).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AttachmentTests(BrowserApp app)
{
    public static TheoryData<string> Refusals => ["wrong type", "content not its type", "too large"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_attachment_shows_the_field_error_in_the_language_and_writes_nothing(string refusal)
    {
        var (file, message) = refusal switch
        {
            "wrong type" => (new FilePayload { Name = "page.html", MimeType = "text/html", Buffer = "<html></html>"u8.ToArray() }, "page.html : joignez uniquement des fichiers PDF, PNG, JPEG ou texte brut."),
            "content not its type" => (new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = "MZ\u0090\0executable"u8.ToArray() }, "report.pdf : le contenu du fichier ne correspond pas à son type."),
            _ => (new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = [.. "%PDF-1.7\n"u8, .. new byte[13 * 1024 * 1024]] }, "scan.pdf : les fichiers sont limités à 10 Mo."),
        };
        await using var referrer = await UiSession.StartAsync(app, "referrer.almaty", locale: "fr-FR");
        var prisonerId = "P-FILE-" + Guid.NewGuid().ToString("N")[..6];
        await ReferralForm.FillAsync(referrer, prisonerId);
        await referrer.Page.Locator("#attachments").SetInputFilesAsync(file);

        var response = await referrer.Page.RunAndWaitForResponseAsync(
            () => referrer.Page.Locator("#intake-form button[type=submit]").ClickAsync(),
            r => r.Url.EndsWith("/intake/referral", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Assertions.Expect(referrer.Page.Locator("#attachments-error")).ToContainTextAsync(message);
        await Assertions.Expect(referrer.Page.Locator(".error-summary a[href='#attachments']")).ToContainTextAsync(message);
        await Assertions.Expect(referrer.Page.Locator("#prisonerId")).ToHaveValueAsync(prisonerId);
        var page = await app.Service<OrchestrationClient>().QueryInstancesAsync(new InstanceQuery { Name = "Referral", PageSize = 1000, FetchInputsAndOutputs = true });
        Assert.DoesNotContain(page.Instances, i => i.Input?.Contains(prisonerId, StringComparison.Ordinal) == true);
        Assert.Empty(referrer.Problems);
    }
}
