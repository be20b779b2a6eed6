namespace Workflows.Repatriation;

/// <summary>The adults of a household who arrived, by reference: what the warrant check needs, and no more.</summary>
public sealed record ArrivingAdults(string CaseId, IReadOnlyList<string> MemberRefs);
