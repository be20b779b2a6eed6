using Workflows.Policies;

namespace Workflows.PreRelease;

public sealed record PreReleaseInput
{
    public required CaseInfo Case { get; init; }

    public required WorkflowPolicy Policy { get; init; }

    public required DateTimeOffset ReleaseAt { get; init; }

    public string RiskLevel { get; init; } = "Medium";

    /// <summary>Null before release; the follow-up state after (continue-as-new per contact).</summary>
    public PostReleaseState? PostRelease { get; init; }
}

/// <summary>Post-release follow-up: which contact and review come next.</summary>
public sealed record PostReleaseState(int NextContact, int NextReview, int Breaches);
