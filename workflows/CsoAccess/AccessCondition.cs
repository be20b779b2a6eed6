namespace Workflows.CsoAccess;

/// <summary>
/// One condition of a CSO's access (safeguard 11): its text, legal basis, the authority that imposed it
/// (role and person) and how long it lasts. The legal basis and duration come from the decision's
/// attributes <c>legalBasis</c> and <c>conditionDuration</c>; without a duration the condition lasts as
/// long as the permit (<see cref="Until"/>).
/// </summary>
public sealed record AccessCondition(string Text, string? LegalBasis, string ImposingAuthority, string ImposedBy, DateTimeOffset ImposedAt, string Duration, DateTimeOffset? Until);
