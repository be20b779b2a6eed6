namespace Workflows;

/// <summary>Where a role is held: at one facility, over a region, centrally, or for one partner organisation.</summary>
public enum ScopeLevel
{
    Facility,
    Region,
    Central,
    Organisation,
}
