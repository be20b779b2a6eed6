using Microsoft.AspNetCore.Mvc;
using Workflows.People;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;
using Workflows.Repatriation;

namespace Workflows.Functions.Pages.Intake;

/// <summary>A repatriation household case (workflow 4): the centre, the consular list, and each member's references and flags.</summary>
public sealed class RepatriationModel(RepatriationService households, IntakeEntitlements entitlements, UiText text) : IntakePageModel(text)
{
    /// <summary>How many member rows the form offers (empty rows are ignored).</summary>
    public const int MemberRows = 6;

    public IReadOnlyList<Facility> Centres { get; private set; } = [];

    private void AliasMemberFields()
    {
        foreach (var field in new[] { "memberRef", "needsParentConsent", "adult", "bornAbroad", "needsDnaConsent", "hasWarrant" })
        {
            Errors.Aliases[field] = "members";
        }
    }

    [BindProperty]
    public string? CentreId { get; set; }

    [BindProperty]
    public string? ConsularListRef { get; set; }

    [BindProperty]
    public List<MemberInput> Members { get; set; } = [];

    protected override async Task<bool> LoadFormAsync()
    {
        await LoadAsync();
        return Centres.Count > 0;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        AliasMemberFields();
        var members = Members.Where(m => !string.IsNullOrWhiteSpace(m.MemberRef)).Select(m => new HouseholdMember
        {
            MemberRef = m.MemberRef!.Trim(),
            Adult = m.Adult,
            BornAbroad = m.BornAbroad,
            NeedsParentConsent = m.NeedsParentConsent,
            NeedsDnaConsent = m.NeedsDnaConsent,
            HasWarrant = m.HasWarrant,
        }).ToList();
        var request = new HouseholdRequest { CentreId = CentreId, ConsularListRef = Trimmed(ConsularListRef), Members = members, ClientRequestId = ClientRequestId };
        var result = await households.StartHouseholdAsync(request, HttpContext.RequireActor(), HttpContext.RequestAborted);
        return await AnswerAsync(result, "centreId", LoadAsync);
    }

    private async Task LoadAsync()
    {
        Centres = await entitlements.RepatriationCentresAsync(HttpContext.RequireActor(), HttpContext.RequestAborted);
        while (Members.Count < MemberRows)
        {
            Members.Add(new MemberInput());
        }
    }

    /// <summary>One member row of the form.</summary>
    public sealed class MemberInput
    {
        public string? MemberRef { get; set; }

        public bool Adult { get; set; }

        public bool BornAbroad { get; set; }

        public bool NeedsParentConsent { get; set; }

        public bool NeedsDnaConsent { get; set; }

        public bool HasWarrant { get; set; }
    }
}
