namespace Workflows.Cases;

/// <summary>A person with a role on this case (need to know): requester, approver of a step, assigned staff.</summary>
public sealed record CaseParticipant(string PersonId, string Role);
