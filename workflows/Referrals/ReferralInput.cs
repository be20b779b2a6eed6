using Workflows.Policies;

namespace Workflows.Referrals;

/// <summary>The referral orchestration's input: ids, track and the resolved policy; no personal data.</summary>
public sealed record ReferralInput
{
    public required CaseInfo Case { get; init; }

    public required WorkflowPolicy Policy { get; init; }

    public ReferralTrack Track { get; init; }

    public bool Urgent { get; init; }

    public ReferralPhase Phase { get; init; }

    public MonitoringState? Monitoring { get; init; }
}
