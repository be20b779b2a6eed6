namespace Workflows.Referrals;

/// <summary>The programme track and assessment tool (safeguards 7 and 8).</summary>
public enum ReferralTrack
{
    Adult,
    Women,
    Juvenile,
}
