namespace Workflows.CsoAccess;

/// <summary>An active CSO permit covering a prison: whose staff it vetted, to be assigned to prisoners there.</summary>
public sealed record PermitOffer(string PermitCaseId, string Reference, string OrganisationId, IReadOnlyList<string> StaffIds);
