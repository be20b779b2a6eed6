using Microsoft.AspNetCore.Mvc;
using Workflows.Complaints;
using Workflows.People;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;
using Workflows.Policies;

namespace Workflows.Functions.Pages.Intake;

/// <summary>A complaint on behalf of a prisoner or returnee (safeguard 6); a confidential one is hidden from the staff it concerns.</summary>
public sealed class ComplaintModel(ComplaintService complaints, IntakeEntitlements entitlements, IPolicyProvider policies, UiText text) : IntakePageModel(text)
{
    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    [BindProperty]
    public string? ComplainantId { get; set; }

    [BindProperty]
    public string? FacilityId { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public bool Confidential { get; set; }

    /// <summary>Staff ids, separated by commas or spaces.</summary>
    [BindProperty]
    public string? ConcernedStaffIds { get; set; }

    [BindProperty]
    public string? RelatedCaseId { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    protected override async Task<bool> LoadFormAsync()
    {
        await LoadAsync();
        return Facilities.Count > 0;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new ComplaintRequest
        {
            ComplainantId = Trimmed(ComplainantId),
            FacilityId = FacilityId,
            Category = string.IsNullOrEmpty(Category) ? null : Category,
            Description = Description,
            Confidential = Confidential,
            ConcernedStaffIds = (ConcernedStaffIds ?? string.Empty).Split([',', ' ', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            RelatedCaseId = string.IsNullOrWhiteSpace(RelatedCaseId) ? null : RelatedCaseId.Trim(),
            Language = string.IsNullOrWhiteSpace(Language) ? null : Language.Trim(),
            ClientRequestId = ClientRequestId,
        };
        var result = await complaints.SubmitAsync(request, HttpContext.RequireActor(), HttpContext.RequestAborted);
        return await AnswerAsync(result, "facilityId", LoadAsync);
    }

    private async Task LoadAsync()
    {
        Facilities = await entitlements.ComplaintFacilitiesAsync(HttpContext.RequireActor(), HttpContext.RequestAborted);
        var facility = Facilities.FirstOrDefault(f => f.Id == FacilityId) ?? (Facilities.Count > 0 ? Facilities[0] : null);
        Categories = policies.Resolve(WorkflowNames.Complaint, facility?.Country ?? "default", facility?.Id).ReasonCodes;
    }
}
