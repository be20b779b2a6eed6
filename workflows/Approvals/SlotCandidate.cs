namespace Workflows.Approvals;

/// <summary>One person who may decide a slot, with the id of the task created for them (null person: nobody holds the role yet).</summary>
public sealed record SlotCandidate(string TaskId, string? PersonId);
