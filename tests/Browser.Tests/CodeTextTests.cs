using Microsoft.Playwright;
using Workflows.Functions.Notifications;
using Workflows.Notifications;

namespace Workflows.Browser.Tests;

/// <summary>
/// Codes reach people as words in their language: the coded values of case sections (free text, ids and numbers
/// stay as written) and the codes audit entries give as their reason.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class CodeTextTests(BrowserApp app)
{
    private const string Narrative = "Seen distributing leaflets glorifying an attack (staffObservation, Routine).";

    [Fact]
    public async Task Coded_values_of_a_section_read_as_words_in_the_readers_language_and_free_text_stays_as_written()
    {
        var (_, caseId) = await Seeds.ReferralAsync(app, Narrative);

        await using var session = await UiSession.StartAsync(app, "referrer.almaty", locale: "fr-FR");
        await session.GotoAsync("/cases/" + caseId);

        var referral = await FactsAsync(session.Page, "referral");
        Assert.Equal("Observation du personnel", referral["Origine de l’orientation"]);
        Assert.Equal("Diffusion de propagande", referral["Motifs"]);
        Assert.Equal("Ordinaire", referral["Urgence"]);
        Assert.Equal("Adultes", referral["Filière du programme"]);
        Assert.Equal(Narrative, referral["Éléments de preuve"]);
        var identity = await FactsAsync(session.Page, "identity");
        Assert.Equal("14/02/1988", identity["Date de naissance"]);
        Assert.Equal("Non", identity["La date de naissance est estimée"]);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_code_given_as_an_audit_reason_reads_as_words()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var notification = new Notification
        {
            IdempotencyKey = "not-deliverable-" + task.TaskId,
            Kind = NotificationKind.NewTask,
            RecipientId = "coordinator.almaty",
            CaseId = caseId,
            CaseReference = reference,
            Workflow = task.Workflow,
            Step = task.Step,
            TaskId = task.TaskId,
            InstanceId = task.InstanceId,
        };
        await app.Service<NotificationAudit>().NotDeliverableAsync(notification, "Teams", "NotReachableOnTeams");

        await using var inspector = await UiSession.StartAsync(app, "inspector.central");
        await inspector.GotoAsync("/cases/" + caseId + "/audit");
        var row = inspector.Page.Locator("#audit-table tbody tr", new() { HasText = "Notification not deliverable on this channel" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td.comment")).ToHaveTextAsync("Recipient cannot be reached on Teams");
        Assert.Empty(inspector.Problems);
    }

    /// <summary>A section's definition list as label → value.</summary>
    private static async Task<Dictionary<string, string>> FactsAsync(IPage page, string section)
    {
        var list = page.Locator($"section[aria-labelledby='section-{section}'] dl.facts");
        await Assertions.Expect(list).ToHaveCountAsync(1);
        var labels = await list.Locator("dt").AllInnerTextsAsync();
        var values = await list.Locator("dd").AllInnerTextsAsync();
        return labels.Zip(values).ToDictionary(p => p.First.Trim(), p => p.Second.Trim(), StringComparer.Ordinal);
    }
}
