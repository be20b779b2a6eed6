namespace Workflows.Policies;

/// <summary>What happens when the escalation chain is exhausted.</summary>
public enum ExhaustedAction
{
    /// <summary>The step expires without a decision.</summary>
    Expire,

    /// <summary>A default authority's decision (from the policy) settles the step.</summary>
    Decide,
}
