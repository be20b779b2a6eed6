using Workflows.Policies;

namespace Workflows.CsoAccess;

public sealed record CsoVisitInput(CaseInfo Case, WorkflowPolicy Policy, string OrganisationId, DateTimeOffset VisitAt, bool Emergency);
