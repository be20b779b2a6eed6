namespace Workflows.Referrals;

public enum ExitKind
{
    Completion,

    /// <summary>Withdrawal by the prisoner: recorded neutrally, nothing punitive follows (safeguard 4).</summary>
    Withdrawal,

    /// <summary>Suspension by the director, with reasons and the complaint route.</summary>
    Suspension,
}
