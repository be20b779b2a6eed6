using Workflows.Approvals;
using Workflows.Policies;

namespace Workflows.Referrals;

/// <summary>The referral orchestration's input: ids, track and the resolved policy; no personal data.</summary>
public sealed record ReferralInput
{
    public required CaseInfo Case { get; init; }

    public required WorkflowPolicy Policy { get; init; }

    public ReferralTrack Track { get; init; }

    /// <summary>
    /// Safeguard 7: the prisoner is a woman or girl (a girl takes the juvenile track, so the track alone
    /// does not say it). Steps with direct contact go to women staff only.
    /// </summary>
    public bool FemaleSubject { get; init; }

    public bool Urgent { get; init; }

    public ReferralPhase Phase { get; init; }

    public MonitoringState? Monitoring { get; init; }

    /// <summary>The approval request of one step, carrying the women-staff rule's routing flag.</summary>
    internal ApprovalRequest StepRequest(string step, IReadOnlyList<string> excluded) =>
        WorkflowSteps.Request(Case, Policy, step, excluded) with { FemaleSubject = FemaleSubject || Track == ReferralTrack.Women };
}
