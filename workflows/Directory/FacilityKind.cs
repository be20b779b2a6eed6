namespace Workflows.Directory;

public enum FacilityKind
{
    MenPrison,
    WomenPrison,
    JuvenileFacility,
    AdaptationCentre,
}
