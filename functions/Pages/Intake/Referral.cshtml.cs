using Microsoft.AspNetCore.Mvc;
using Workflows.People;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;
using Workflows.Policies;
using Workflows.Referrals;

namespace Workflows.Functions.Pages.Intake;

/// <summary>The referral form (workflow 1): reason codes from the policy catalogue, evidence, attachments with their tiers.</summary>
/// <remarks>
/// The form takes bodies up to <see cref="AttachmentForm.FormLimitBytes"/> rather than the host's 12 MB, so that a
/// file over the 10 MB attachment limit reaches the page and is answered with the localised error next to the
/// field (the API keeps its 413).
/// </remarks>
[RequestSizeLimit(AttachmentForm.FormLimitBytes)]
public sealed class ReferralModel(ReferralService referrals, IntakeEntitlements entitlements, IPolicyProvider policies, UiText text) : IntakePageModel(text)
{
    /// <summary>The triggers the domain accepts (as its validator lists them).</summary>
    public static readonly string[] Triggers = ["staffObservation", "intakeScreening", "courtRecommendation", "selfReferral", "reReferral"];

    /// <summary>The sexes the form offers (the domain accepts these or none).</summary>
    public static readonly string[] Sexes = ["female", "male"];

    /// <summary>How many attachment slots the form offers.</summary>
    public const int AttachmentSlots = 2;

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public IReadOnlyList<string> Catalogue { get; private set; } = [];

    [BindProperty]
    public string? PrisonerId { get; set; }

    [BindProperty]
    public string? FacilityId { get; set; }

    [BindProperty]
    public string? Trigger { get; set; }

    [BindProperty]
    public List<string> ReasonCodes { get; set; } = [];

    [BindProperty]
    public string? EvidenceNarrative { get; set; }

    [BindProperty]
    public string Urgency { get; set; } = "Routine";

    [BindProperty]
    public string? DateOfBirth { get; set; }

    [BindProperty]
    public bool DateOfBirthEstimated { get; set; }

    [BindProperty]
    public string? Sex { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public bool InterpreterNeeded { get; set; }

    protected override async Task<bool> LoadFormAsync()
    {
        await LoadAsync();
        return Facilities.Count > 0;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var attachments = await AttachmentForm.ReadAsync(Request.Form, AttachmentSlots, Errors, Text, HttpContext.RequestAborted);
        var dateOfBirth = ParseDate("dateOfBirth", DateOfBirth);
        if (Errors.Any)
        {
            return await InvalidAsync(LoadAsync);
        }

        var request = new ReferralRequest
        {
            PrisonerId = Trimmed(PrisonerId),
            FacilityId = FacilityId,
            Trigger = Trigger,
            ReasonCodes = ReasonCodes,
            EvidenceNarrative = EvidenceNarrative,
            Urgency = Urgency,
            DateOfBirth = dateOfBirth,
            DateOfBirthEstimated = DateOfBirthEstimated,
            Sex = string.IsNullOrEmpty(Sex) ? null : Sex,
            Language = string.IsNullOrWhiteSpace(Language) ? null : Language.Trim(),
            InterpreterNeeded = InterpreterNeeded,
            Attachments = attachments,
            ClientRequestId = ClientRequestId,
        };
        var result = await referrals.StartReferralAsync(request, HttpContext.RequireActor(), HttpContext.RequestAborted);
        return await AnswerAsync(result, "facilityId", LoadAsync);
    }

    private async Task LoadAsync()
    {
        Facilities = await entitlements.ReferralFacilitiesAsync(HttpContext.RequireActor(), HttpContext.RequestAborted);
        var facility = Facilities.FirstOrDefault(f => f.Id == FacilityId) ?? (Facilities.Count > 0 ? Facilities[0] : null);
        Catalogue = facility is null
            ? []
            : Workflows.ReasonCodes.Offerable(policies.Resolve(WorkflowNames.Referral, facility.Country, facility.Id).ReasonCodes);
    }
}
