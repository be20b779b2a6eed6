namespace Workflows.Functions.Api;

/// <summary>The 202 body of an intake: Durable Functions' check-status payload plus the case it opened.</summary>
public sealed record IntakeAccepted(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string RestartPostUri,
    string SuspendPostUri,
    string ResumePostUri,
    string? CaseId,
    string? CaseReference);
