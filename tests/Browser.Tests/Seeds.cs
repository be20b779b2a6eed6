using Workflows.People;
using Workflows.Referrals;

namespace Workflows.Browser.Tests;

/// <summary>Data the page tests need, created through the domain's own intake service (as the form would).</summary>
public static class Seeds
{
    public static async Task<(string Reference, string CaseId)> ReferralAsync(BrowserApp app, string evidence = "Seen distributing leaflets glorifying an attack.", string facilityId = "almaty")
    {
        ArgumentNullException.ThrowIfNull(app);
        var referrer = (await app.Service<IPersonDirectory>().FindAsync("referrer." + facilityId))!.ToActor();
        var result = await app.Service<ReferralService>().StartReferralAsync(
            new ReferralRequest
            {
                PrisonerId = "P-" + Guid.NewGuid().ToString("N")[..8],
                FacilityId = facilityId,
                Trigger = "staffObservation",
                ReasonCodes = ["propaganda-distribution"],
                EvidenceNarrative = evidence,
                DateOfBirth = new DateOnly(1988, 2, 14),
                Attachments = [new Workflows.Attachment(Workflows.Cases.DataTier.Workflow, "text/plain", "Incident report 42."u8.ToArray())],
            },
            referrer);
        Assert.Equal(IntakeStatus.Started, result.Status);
        return (result.CaseReference!, result.CaseId!);
    }
}
