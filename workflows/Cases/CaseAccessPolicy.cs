using Workflows.People;

namespace Workflows.Cases;

/// <summary>
/// Safeguard 5: who may see a case at all (need to know), and which tiers. A case is visible to its
/// participants and to oversight roles covering its facility, never to staff it excludes (the staff a
/// confidential complaint concerns). Identity, legal and workflow tiers come with visibility; each
/// sensitive tier needs a role that requires it; in a juvenile case, sensitive tiers also need a role on
/// the case itself.
/// </summary>
public static class CaseAccessPolicy
{
    public static readonly IReadOnlySet<DataTier> SensitiveTiers = new HashSet<DataTier>
    {
        DataTier.RiskAssessment, DataTier.Intelligence, DataTier.Health, DataTier.ReligiousCounselling, DataTier.ChildProtection, DataTier.Biometric,
    };

    private static readonly string[] OversightRoles =
    [
        Roles.PrisonDirector, Roles.DeputyDirector, Roles.CentralAdministration, Roles.HeadOfCentralAdministration, Roles.Inspector, Roles.DataProtectionOfficer,
    ];

    private static readonly Dictionary<DataTier, string[]> TierRoles = new()
    {
        [DataTier.RiskAssessment] =
        [
            Roles.RiskAssessor, Roles.SeniorPsychologist, Roles.Psychologist, Roles.ProgrammeCoordinator, Roles.PrisonDirector, Roles.DeputyDirector,
            Roles.SecurityOfficer, Roles.ProbationOfficer, Roles.HeadOfRehabilitation, Roles.CentralAdministration,
        ],
        [DataTier.Intelligence] = [Roles.SecurityOfficer, Roles.NationalSecurity, Roles.PrisonDirector, Roles.Police],
        [DataTier.Health] = [Roles.MedicalOfficer, Roles.Psychologist, Roles.SeniorPsychologist],
        [DataTier.ReligiousCounselling] = [Roles.ReligiousCounsellor],
        [DataTier.ChildProtection] = [Roles.ChildProtection, Roles.SocialWorker, Roles.Psychologist, Roles.CentreDirector],
        [DataTier.Biometric] = [Roles.ConsularService, Roles.CivilRegistry, Roles.NationalSecurity],
    };

    /// <summary>
    /// Whether the actor is on this case only as CSO staff assigned to it (a prisoner's case, not their own
    /// organisation's application): whatever other roles they hold, they read the workflow tier narrowed to the
    /// annex's fields and nothing else of the case (no documents, tasks, decisions or timeline). Assignment refuses
    /// people who hold prison roles too, so a partner participant never lifts anyone's view.
    /// </summary>
    public static bool IsPartnerView(Actor actor, CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        // On their organisation's own cases (its access application and visits) CSO people are applicants, not partners.
        if (record.Workflow is WorkflowNames.CsoAccess or WorkflowNames.CsoVisit)
        {
            return false;
        }

        var caseRoles = record.Participants.Where(p => p.PersonId == actor.UserId).Select(p => p.Role).ToList();
        return caseRoles.Count > 0 && caseRoles.All(Roles.Partners.Contains);
    }

    public static bool CanSee(Actor actor, CaseRecord record, Facility? facility)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        if (record.ExcludedStaffIds.Contains(actor.UserId))
        {
            return false;
        }

        if (record.Participants.Any(p => p.PersonId == actor.UserId))
        {
            return true;
        }

        var regionId = facility?.RegionId ?? record.RegionId;
        return actor.HasAnyRoleFor(OversightRoles, record.FacilityId, regionId);
    }

    public static IReadOnlySet<DataTier> ReadableTiers(Actor actor, CaseRecord record, Facility? facility)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        var tiers = new HashSet<DataTier>();
        if (!CanSee(actor, record, facility))
        {
            return tiers;
        }

        var caseRoles = record.Participants.Where(p => p.PersonId == actor.UserId).Select(p => p.Role).ToHashSet(StringComparer.Ordinal);
        tiers.Add(DataTier.Workflow);
        if (IsPartnerView(actor, record))
        {
            return tiers;
        }

        tiers.Add(DataTier.Identity);
        tiers.Add(DataTier.Legal);
        if (actor.HasRole(Roles.Inspector) && caseRoles.Count == 0)
        {
            return tiers;
        }

        var regionId = facility?.RegionId ?? record.RegionId;
        foreach (var (tier, roles) in TierRoles)
        {
            var byCaseRole = roles.Any(caseRoles.Contains);
            var byScope = roles.Any(r => actor.HasRoleFor(r, record.FacilityId, regionId));
            if (byCaseRole || (byScope && !record.IsJuvenile))
            {
                tiers.Add(tier);
            }
        }

        return tiers;
    }
}
