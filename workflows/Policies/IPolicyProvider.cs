namespace Workflows.Policies;

/// <summary>Resolves the policy of a workflow for a country and facility (defaults with overrides merged over them).</summary>
public interface IPolicyProvider
{
    WorkflowPolicy Resolve(string workflow, string country, string? facilityId);
}
