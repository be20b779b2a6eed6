using Workflows.People;

namespace Workflows.Approvals;

/// <summary>Whether a person may still hold a task: the role it was assigned by, over the task's facility or organisation.</summary>
public static class TaskEntitlement
{
    /// <summary>
    /// True when <paramref name="person"/> holds the task's role (or the role an escalation moved it to) with a grant
    /// covering the task's facility, region or organisation; a task assigned by name needs only the person.
    /// </summary>
    public static bool Holds(Person person, ApprovalTask task)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(task);
        if (task.AssignedByName)
        {
            return true;
        }

        var role = task.AssigneeRole ?? task.Role;
        return person.Roles.Any(g => string.Equals(g.Role, role, StringComparison.Ordinal)
            && (g.CoversFacility(task.FacilityId, task.RegionId)
                || (g.Level == ScopeLevel.Organisation && (task.OrganisationId is null || string.Equals(g.ScopeId, task.OrganisationId, StringComparison.Ordinal)))));
    }
}
