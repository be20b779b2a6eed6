using System.Text.Json.Serialization;
using Workflows.Policies;

namespace Workflows.Approvals;

/// <summary>
/// The input of the approval orchestration: the step, the case (ids only), the resolved step policy and
/// calendar (so a running step keeps the policy it started with and replays deterministically).
/// </summary>
public sealed record ApprovalRequest
{
    public required string Workflow { get; init; }

    public required string Step { get; init; }

    public required string CaseId { get; init; }

    public required string CaseReference { get; init; }

    public required string FacilityId { get; init; }

    public string? RegionId { get; init; }

    /// <summary>The partner organisation, for roles scoped to one (CSO focal point).</summary>
    public string? OrganisationId { get; init; }

    public required string RequesterId { get; init; }

    public required StepPolicy Policy { get; init; }

    public WorkingCalendar Calendar { get; init; } = WorkingCalendar.Default;

    public IReadOnlyList<string> ReasonCatalogue { get; init; } = [];

    /// <summary>Separation of duties: never an approver of this step.</summary>
    public IReadOnlyList<string> ExcludedUserIds { get; init; } = [];

    /// <summary>Named approvers instead of the policy's roles (e.g. the members of a panel chosen at intake).</summary>
    public IReadOnlyList<string>? NamedApproverIds { get; init; }

    /// <summary>Resolved approvers with task ids (set by <see cref="ApprovalStep.PrepareAsync"/>).</summary>
    public IReadOnlyList<ApprovalSlot>? Slots { get; init; }

    /// <summary>Measure deadlines, reminders and escalations from this time instead of the step's start.</summary>
    public DateTimeOffset? ClockStart { get; init; }

    /// <summary>An absolute time at which the step expires undecided (e.g. the date of a visit).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The id of what is being approved when it is not the case itself (a staff member, a child, a visit).</summary>
    public string? SubjectRef { get; init; }

    /// <summary>
    /// The case's subject is a woman or girl: steps whose policy has <see cref="StepPolicy.WomenStaffForWomen"/>
    /// go to women staff only (safeguard 7). A routing flag, like a programme track; no other personal data.
    /// </summary>
    public bool FemaleSubject { get; init; }

    /// <summary>Whether the women-staff rule applies to this step.</summary>
    [JsonIgnore]
    public bool WomenStaffOnly => FemaleSubject && Policy.WomenStaffForWomen;

    /// <summary>The parent workflow's instance, for task rows and links.</summary>
    public string? ParentInstanceId { get; init; }
}
