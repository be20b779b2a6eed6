namespace Workflows.Cases;

/// <summary>The data compartments of a case (safeguard 5); every field group and attachment carries one.</summary>
public enum DataTier
{
    Identity,
    Legal,
    Workflow,
    RiskAssessment,
    Intelligence,
    Health,
    ReligiousCounselling,
    ChildProtection,
    Biometric,
}
