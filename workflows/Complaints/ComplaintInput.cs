using Workflows.Policies;

namespace Workflows.Complaints;

public sealed record ComplaintInput(CaseInfo Case, WorkflowPolicy Policy, IReadOnlyList<string> ConcernedStaffIds, DateTimeOffset SubmittedAt);
