using Workflows.People;

namespace Workflows.Approvals;

/// <summary>
/// Finds the people for an approver rule: holders of the role at the rule's scope for the case's
/// facility, falling back to the region and then the central level when nobody holds it there.
/// Excluded people (separation of duties) are never returned.
/// </summary>
public sealed class ApproverResolver(IPersonDirectory directory)
{
    public async Task<IReadOnlyList<Person>> ResolveAsync(
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
        foreach (var (level, scopeId) in levels)
        {
            if (scopeId is null)
            {
                continue;
            }

            var holders = (await directory.FindRoleHoldersAsync(role, level, scopeId, cancellationToken).ConfigureAwait(false))
                .Where(p => !excluded.Contains(p.Id))
                .Where(p => staffGender is null || string.Equals(p.Gender, staffGender, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (holders.Count > 0)
            {
                return holders;
            }
        }

        return [];
    }

    /// <summary>The slots of a step (without task ids): one per rule, or one per holder for "each" rules, or one per named person.</summary>
    public async Task<IReadOnlyList<ApprovalSlot>> ResolveSlotsAsync(ResolveApproversInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var slots = new List<ApprovalSlot>();
        if (input.NamedApproverIds is { Count: > 0 } named)
        {
            foreach (var id in named.Where(id => !input.ExcludedUserIds.Contains(id)))
            {
                var person = await directory.FindAsync(id, cancellationToken).ConfigureAwait(false);
                var role = person is { Roles.Count: > 0 } ? person.Roles[0].Role : input.Rules.Count > 0 ? input.Rules[0].Role : "named";
                slots.Add(new ApprovalSlot { Index = slots.Count, Role = role, Stage = input.Sequential ? slots.Count : 0, Veto = input.VetoRoles.Contains(role), Candidates = [new SlotCandidate(string.Empty, id)] });
            }

            return slots;
        }

        for (var i = 0; i < input.Rules.Count; i++)
        {
            var rule = input.Rules[i];
            var people = await ResolveAsync(rule.Role, rule.Scope, input.FacilityId, input.RegionId, input.OrganisationId, input.ExcludedUserIds, input.StaffGender, cancellationToken).ConfigureAwait(false);
            var stage = input.Sequential ? i : 0;
            var veto = input.VetoRoles.Contains(rule.Role);
            if (rule.Each && people.Count > 0)
            {
                foreach (var person in people)
                {
                    slots.Add(new ApprovalSlot { Index = slots.Count, Role = rule.Role, Stage = stage, Veto = veto, Candidates = [new SlotCandidate(string.Empty, person.Id)] });
                }
            }
            else
            {
                var candidates = people.Count > 0 ? people.Select(p => new SlotCandidate(string.Empty, p.Id)).ToList() : [new SlotCandidate(string.Empty, null)];
                slots.Add(new ApprovalSlot { Index = slots.Count, Role = rule.Role, Stage = stage, Veto = veto, Candidates = candidates });
            }
        }

        return slots;
    }
}
