using Microsoft.AspNetCore.Mvc;
using Workflows.CsoAccess;
using Workflows.People;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Intake;

/// <summary>A CSO's application for access (workflow 2): only a focal point applies, for their organisation's staff.</summary>
public sealed class CsoAccessModel(CsoAccessService cso, IPersonDirectory directory, FacilityCatalogue catalogue, UiText text) : IntakePageModel(text)
{
    public IReadOnlyList<(string Id, string Name)> Organisations { get; private set; } = [];

    public IReadOnlyList<Person> Staff { get; private set; } = [];

    public IReadOnlyList<Facility> Prisons { get; private set; } = [];

    [BindProperty]
    public string? OrganisationId { get; set; }

    [BindProperty]
    public string? RegistrationNumber { get; set; }

    [BindProperty]
    public string? ProgrammeDescription { get; set; }

    [BindProperty]
    public string? TargetGroup { get; set; }

    [BindProperty]
    public string? Governance { get; set; }

    [BindProperty]
    public string? Funding { get; set; }

    [BindProperty]
    public List<string> StaffIds { get; set; } = [];

    [BindProperty]
    public List<string> FacilityIds { get; set; } = [];

    [BindProperty]
    public bool FaithBasedContent { get; set; }

    [BindProperty]
    public bool SafeguardingPolicyProvided { get; set; }

    [BindProperty]
    public bool DataHandlingPlanProvided { get; set; }

    [BindProperty]
    public bool CodeOfConductAccepted { get; set; }

    [BindProperty]
    public bool InterAgencyDecision { get; set; }

    protected override async Task<bool> LoadFormAsync()
    {
        await LoadAsync();
        return Organisations.Count > 0;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new CsoAccessRequest
        {
            OrganisationId = OrganisationId,
            RegistrationNumber = Trimmed(RegistrationNumber),
            ProgrammeDescription = ProgrammeDescription,
            TargetGroup = TargetGroup,
            Governance = Governance,
            Funding = Funding,
            StaffIds = StaffIds,
            FacilityIds = FacilityIds,
            FaithBasedContent = FaithBasedContent,
            SafeguardingPolicyProvided = SafeguardingPolicyProvided,
            DataHandlingPlanProvided = DataHandlingPlanProvided,
            CodeOfConductAccepted = CodeOfConductAccepted,
            InterAgencyDecision = InterAgencyDecision,
            ClientRequestId = ClientRequestId,
        };
        var result = await cso.StartApplicationAsync(request, HttpContext.RequireActor(), HttpContext.RequestAborted);
        return await AnswerAsync(result, "organisationId", LoadAsync);
    }

    private async Task LoadAsync()
    {
        var ids = IntakeEntitlements.CsoOrganisations(HttpContext.RequireActor());
        var known = (directory as JsonPersonDirectory)?.Organisations ?? [];
        Organisations = ids.Select(id => (id, known.FirstOrDefault(o => o.Id == id)?.Name ?? id)).ToList();
        var people = await directory.ListPeopleAsync(HttpContext.RequestAborted);
        Staff = people.Where(p => p.Roles.Any(r => r is { Role: Roles.CsoStaff or Roles.CsoFocalPoint, Level: ScopeLevel.Organisation } && ids.Contains(r.ScopeId))).ToList();
        Prisons = (await catalogue.AllAsync(HttpContext.RequestAborted)).Where(f => f.Kind != FacilityKind.AdaptationCentre).ToList();
    }
}
