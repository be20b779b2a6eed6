using System.Text.Json.Serialization;
using Workflows.People;

namespace Workflows.Approvals;

/// <summary>
/// One pending (or past) approval: the row an inbox, a reminder and the dashboard read without
/// replaying anything. Comments and conditions live here (a protected store), never in queue messages.
/// </summary>
public sealed record ApprovalTask
{
    public required string TaskId { get; init; }

    public ApprovalTaskKind Kind { get; init; } = ApprovalTaskKind.Approval;

    public required string Workflow { get; init; }

    public required string CaseId { get; init; }

    public required string CaseReference { get; init; }

    /// <summary>The approval orchestration instance that receives decisions.</summary>
    public required string InstanceId { get; init; }

    public string? ParentInstanceId { get; init; }

    public required string Step { get; init; }

    public int SlotIndex { get; init; }

    /// <summary>Null when nobody holds the role: the task waits in the role's queue for an administrator to assign it.</summary>
    public string? AssigneeId { get; init; }

    public required string Role { get; init; }

    /// <summary>The role the assignee holds the task by, when an escalation moved it to another role (null: <see cref="Role"/>).</summary>
    public string? AssigneeRole { get; init; }

    /// <summary>The assignee was chosen by name (a named panel member, a manager, an administrator's reassignment), not by role.</summary>
    public bool AssignedByName { get; init; }

    public required string FacilityId { get; init; }

    public string? RegionId { get; init; }

    /// <summary>The partner organisation, for roles held per organisation (CSO focal point).</summary>
    public string? OrganisationId { get; init; }

    public DateTimeOffset Due { get; init; }

    public ApprovalTaskStatus Status { get; init; } = ApprovalTaskStatus.Open;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? DecidedBy { get; init; }

    public DecisionKind? Decision { get; init; }

    public string? DecisionId { get; init; }

    public DecisionChannel? Channel { get; init; }

    public string? OnBehalfOf { get; init; }

    public string? DelegateId { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string> ReasonCodes { get; init; } = [];

    public IReadOnlyList<string> Conditions { get; init; } = [];

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Safeguard 7: only a woman may be assigned or delegated this task.</summary>
    public bool WomenStaffOnly { get; init; }

    /// <summary>Separation of duties: these people may never decide this task (e.g. the referrer).</summary>
    public IReadOnlyList<string> ExcludedUserIds { get; init; } = [];

    public string? RequesterId { get; init; }

    public bool VetoAllowed { get; init; }

    public bool AllowConditions { get; init; }

    public bool AllowClarification { get; init; }

    public IReadOnlyList<string> RequiredAttributes { get; init; } = [];

    /// <summary>The step counts votes (quorum, majority): one person decides at most one of its tasks.</summary>
    public bool DistinctDeciders { get; init; }

    /// <summary>The values the step's policy allows for an attribute (<see cref="Policies.StepPolicy.AttributeValues"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AttributeValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The reason codes this workflow accepts.</summary>
    public IReadOnlyList<string> ReasonCatalogue { get; init; } = [];

    /// <summary>For a clarification task: the approval task it answers.</summary>
    public string? RelatedTaskId { get; init; }

    /// <summary>The store's concurrency token (not part of the JSON).</summary>
    [JsonIgnore]
    public string? ETag { get; init; }

    [JsonIgnore]
    public bool IsOpen => Status is ApprovalTaskStatus.Open;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && Due < now;

    /// <summary>Safeguard 7: whether the assignment rule lets <paramref name="person"/> hold this task (a women-only task, only a woman).</summary>
    public bool AllowsAssignee(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return !WomenStaffOnly || string.Equals(person.Gender, ApproverResolver.Women, StringComparison.OrdinalIgnoreCase);
    }
}
