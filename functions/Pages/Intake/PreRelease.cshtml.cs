using Microsoft.AspNetCore.Mvc;
using Workflows.People;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;
using Workflows.PreRelease;

namespace Workflows.Functions.Pages.Intake;

/// <summary>
/// Opening pre-release planning (workflow 3): release date, risk level, residence region, and the sex
/// that routes a woman's or girl's contact steps to women staff (unrecorded: the linked referral's).
/// </summary>
public sealed class PreReleaseModel(PreReleaseService plans, IntakeEntitlements entitlements, UiText text) : IntakePageModel(text)
{
    public static readonly string[] RiskLevels = ["Low", "Medium", "High"];

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    [BindProperty]
    public string? PrisonerId { get; set; }

    [BindProperty]
    public string? FacilityId { get; set; }

    [BindProperty]
    public string? ReleaseDate { get; set; }

    [BindProperty]
    public string? RiskLevel { get; set; }

    [BindProperty]
    public string? ResidenceRegionId { get; set; }

    [BindProperty]
    public bool CaringResponsibilities { get; set; }

    [BindProperty]
    public string? ReferralCaseId { get; set; }

    [BindProperty]
    public string? Sex { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    protected override async Task<bool> LoadFormAsync()
    {
        await LoadAsync();
        return Facilities.Count > 0;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var releaseDate = ParseDate("releaseDate", ReleaseDate);
        if (Errors.Any)
        {
            return await InvalidAsync(LoadAsync);
        }

        var request = new PreReleaseRequest
        {
            PrisonerId = Trimmed(PrisonerId),
            FacilityId = FacilityId,
            ReleaseDate = releaseDate,
            RiskLevel = string.IsNullOrEmpty(RiskLevel) ? null : RiskLevel,
            ResidenceRegionId = string.IsNullOrWhiteSpace(ResidenceRegionId) ? null : ResidenceRegionId.Trim(),
            CaringResponsibilities = CaringResponsibilities,
            ReferralCaseId = string.IsNullOrWhiteSpace(ReferralCaseId) ? null : ReferralCaseId.Trim(),
            Sex = string.IsNullOrEmpty(Sex) ? null : Sex,
            Language = string.IsNullOrWhiteSpace(Language) ? null : Language.Trim(),
            ClientRequestId = ClientRequestId,
        };
        var result = await plans.StartPlanningAsync(request, HttpContext.RequireActor(), HttpContext.RequestAborted);
        return await AnswerAsync(result, "facilityId", LoadAsync);
    }

    private async Task LoadAsync() =>
        Facilities = await entitlements.PreReleaseFacilitiesAsync(HttpContext.RequireActor(), HttpContext.RequestAborted);
}
