namespace Workflows.People;

public enum FacilityKind
{
    MenPrison,
    WomenPrison,
    JuvenileFacility,
    AdaptationCentre,
}
