using Workflows.People;

namespace Workflows.Approvals;

/// <summary>
/// Finds the people for an approver rule: holders of the role at the rule's scope for the case's
/// facility, falling back to the region and then the central level when nobody holds it there.
/// Excluded people (separation of duties) are never returned. Under the women-staff rule (safeguard 7)
/// only women are eligible, and the same fallback finds them when no woman holds the role nearer.
/// </summary>
public sealed class ApproverResolver(IPersonDirectory directory)
{
    /// <summary>The gender the women-staff rule assigns (directory value).</summary>
    public const string Women = "female";

    public async Task<IReadOnlyList<Person>> ResolveAsync(
        string role,
        ScopeLevel scope,
        string facilityId,
        string? regionId,
        string? organisationId,
        IReadOnlyCollection<string> excluded,
        string? staffGender,
        CancellationToken cancellationToken = default) =>
        (await FindHoldersAsync(role, scope, facilityId, regionId, organisationId, excluded, staffGender, cancellationToken).ConfigureAwait(false)).People;

    /// <summary>As <see cref="ResolveAsync"/>, also saying whether a staff-gender rule widened the search or left nobody.</summary>
    public async Task<RoleHolders> FindHoldersAsync(
        string role,
        ScopeLevel scope,
        string facilityId,
        string? regionId,
        string? organisationId,
        IReadOnlyCollection<string> excluded,
        string? staffGender,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        var levels = scope switch
        {
            ScopeLevel.Facility => new[] { (ScopeLevel.Facility, facilityId), (ScopeLevel.Region, regionId), (ScopeLevel.Central, RoleGrant.CentralScopeId) },
            ScopeLevel.Region => [(ScopeLevel.Region, regionId), (ScopeLevel.Central, RoleGrant.CentralScopeId)],
            ScopeLevel.Organisation => [(ScopeLevel.Organisation, organisationId)],
            _ => [(ScopeLevel.Central, RoleGrant.CentralScopeId)],
        };
        var leftOutByRule = false;
        foreach (var (level, scopeId) in levels)
        {
            if (scopeId is null)
            {
                continue;
            }

            var holders = (await directory.FindRoleHoldersAsync(role, level, scopeId, cancellationToken).ConfigureAwait(false))
                .Where(p => !excluded.Contains(p.Id))
                .ToList();
            var eligible = holders.Where(p => staffGender is null || string.Equals(p.Gender, staffGender, StringComparison.OrdinalIgnoreCase)).ToList();
            if (eligible.Count > 0)
            {
                return new RoleHolders(eligible, leftOutByRule ? level : null);
            }

            leftOutByRule |= holders.Count > 0;
        }

        return new RoleHolders([], RuleUnmet: leftOutByRule);
    }

    /// <summary>The slots of a step (without task ids): one per rule, or one per holder for "each" rules, or one per named person.</summary>
    public async Task<IReadOnlyList<ApprovalSlot>> ResolveSlotsAsync(ResolveApproversInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var slots = new List<ApprovalSlot>();
        var staffGender = input.WomenStaffOnly ? Women : null;
        if (input.NamedApproverIds is { Count: > 0 } named)
        {
            foreach (var id in named.Where(id => !input.ExcludedUserIds.Contains(id)))
            {
                var person = await directory.FindAsync(id, cancellationToken).ConfigureAwait(false);
                var role = person is { Roles.Count: > 0 } ? person.Roles[0].Role : input.Rules.Count > 0 ? input.Rules[0].Role : "named";
                slots.Add(new ApprovalSlot { Index = slots.Count, Role = role, Stage = input.Sequential ? slots.Count : 0, Veto = input.VetoRoles.Contains(role), WomenStaffOnly = input.WomenStaffOnly, Named = true, Candidates = [new SlotCandidate(string.Empty, id)] });
            }

            return slots;
        }

        for (var i = 0; i < input.Rules.Count; i++)
        {
            var rule = input.Rules[i];
            var found = await FindHoldersAsync(rule.Role, rule.Scope, input.FacilityId, input.RegionId, input.OrganisationId, input.ExcludedUserIds, staffGender, cancellationToken).ConfigureAwait(false);
            var people = found.People;
            var template = new ApprovalSlot
            {
                Index = 0,
                Role = rule.Role,
                Stage = input.Sequential ? i : 0,
                Veto = input.VetoRoles.Contains(rule.Role),
                WomenStaffOnly = input.WomenStaffOnly,
                WidenedTo = found.WidenedTo,
                RuleUnmet = found.RuleUnmet,
            };
            if (rule.Each && people.Count > 0)
            {
                foreach (var person in people)
                {
                    slots.Add(template with { Index = slots.Count, Candidates = [new SlotCandidate(string.Empty, person.Id)] });
                }
            }
            else
            {
                var candidates = people.Count > 0 ? people.Select(p => new SlotCandidate(string.Empty, p.Id)).ToList() : [new SlotCandidate(string.Empty, null)];
                slots.Add(template with { Index = slots.Count, Candidates = candidates });
            }
        }

        return slots;
    }
}
