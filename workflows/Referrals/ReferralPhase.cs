namespace Workflows.Referrals;

public enum ReferralPhase
{
    Intake,

    /// <summary>Delivery and monitoring: an eternal loop, one execution per review (continue-as-new).</summary>
    Monitoring,
}
