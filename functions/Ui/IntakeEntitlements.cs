using Workflows.People;
using Workflows.PreRelease;
using Workflows.Referrals;

namespace Workflows.Functions.Ui;

/// <summary>
/// Which intake forms a person sees, and for which facilities: the same roles the domain's intake
/// services check (they check again on submission; this only keeps the forms to what the role may submit).
/// </summary>
public sealed class IntakeEntitlements(FacilityCatalogue facilities)
{
    /// <summary>Who opens repatriation cases (as <c>RepatriationService</c> checks).</summary>
    public static readonly string[] RepatriationRoles = [Roles.ConsularService, Roles.CentralAdministration, Roles.RegionalCoordinator];


    /// <summary>The forms, in menu order.</summary>
    public static readonly IReadOnlyList<string> Forms = ["referral", "cso-access", "pre-release", "repatriation", "complaint"];

    public Task<IReadOnlyList<Facility>> ReferralFacilitiesAsync(Actor actor, CancellationToken cancellationToken = default) =>
        facilities.ForRolesAsync(actor, ReferralService.SubmittingRoles, IsPrison, cancellationToken);

    public Task<IReadOnlyList<Facility>> PreReleaseFacilitiesAsync(Actor actor, CancellationToken cancellationToken = default) =>
        facilities.ForRolesAsync(actor, PreReleaseService.PlanningRoles, IsPrison, cancellationToken);

    public Task<IReadOnlyList<Facility>> RepatriationCentresAsync(Actor actor, CancellationToken cancellationToken = default) =>
        facilities.ForRolesAsync(actor, RepatriationRoles, f => f.Kind == FacilityKind.AdaptationCentre, cancellationToken);

    /// <summary>Complaints: any staff role covering the facility (not partner or read-only roles), as <c>ComplaintService</c> checks.</summary>
    public async Task<IReadOnlyList<Facility>> ComplaintFacilitiesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return (await facilities.AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => actor.Roles.Any(r => !Roles.Partners.Contains(r.Role) && !Roles.ReadOnly.Contains(r.Role) && r.CoversFacility(f.Id, f.RegionId)))
            .ToList();
    }

    /// <summary>The organisations the actor is the focal point of (only they apply for access).</summary>
    public static IReadOnlyList<string> CsoOrganisations(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Roles.Where(r => r is { Role: Roles.CsoFocalPoint, Level: ScopeLevel.Organisation }).Select(r => r.ScopeId).Distinct().ToList();
    }

    /// <summary>The forms the actor may submit.</summary>
    public async Task<IReadOnlyList<string>> FormsForAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var forms = new List<string>();
        if ((await ReferralFacilitiesAsync(actor, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            forms.Add("referral");
        }

        if (CsoOrganisations(actor).Count > 0)
        {
            forms.Add("cso-access");
        }

        if ((await PreReleaseFacilitiesAsync(actor, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            forms.Add("pre-release");
        }

        if ((await RepatriationCentresAsync(actor, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            forms.Add("repatriation");
        }

        if ((await ComplaintFacilitiesAsync(actor, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            forms.Add("complaint");
        }

        return forms;
    }

    private static bool IsPrison(Facility facility) => facility.Kind != FacilityKind.AdaptationCentre;
}
