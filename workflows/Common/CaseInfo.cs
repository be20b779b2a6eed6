namespace Workflows;

/// <summary>The ids every workflow input carries about its case (no personal data).</summary>
public sealed record CaseInfo(string Workflow, string CaseId, string Reference, string FacilityId, string RegionId, string RequesterId)
{
    public static CaseInfo From(string workflow, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(workflow, context.CaseId, context.Reference, context.FacilityId, context.RegionId, context.RequesterId);
    }
}
