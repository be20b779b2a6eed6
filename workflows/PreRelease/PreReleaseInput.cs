using Workflows.Approvals;
using Workflows.Policies;

namespace Workflows.PreRelease;

public sealed record PreReleaseInput
{
    public required CaseInfo Case { get; init; }

    public required WorkflowPolicy Policy { get; init; }

    public required DateTimeOffset ReleaseAt { get; init; }

    public string RiskLevel { get; init; } = "Medium";

    /// <summary>
    /// Safeguard 7: the prisoner is a woman. Steps with direct contact (risk re-assessment, resettlement
    /// needs, the release hand-over, the post-release contact attempt and reviews) go to women staff only.
    /// A routing flag, like a programme track; the sex itself stays in the identity tier.
    /// </summary>
    public bool FemaleSubject { get; init; }

    /// <summary>Null before release; the follow-up state after (continue-as-new per contact).</summary>
    public PostReleaseState? PostRelease { get; init; }

    /// <summary>The approval request of one step, carrying the women-staff rule's routing flag.</summary>
    internal ApprovalRequest StepRequest(string step, StepPolicy? stepPolicy = null) =>
        WorkflowSteps.Request(Case, Policy, step, null, stepPolicy) with { FemaleSubject = FemaleSubject };
}

/// <summary>Post-release follow-up: which contact and review come next.</summary>
public sealed record PostReleaseState(int NextContact, int NextReview, int Breaches);
