namespace Workflows.Approvals.Activities;

/// <summary>A step's clock moved: its open tasks get the new due time.</summary>
public sealed record RescheduleTasksInput(IReadOnlyList<string> TaskIds, DateTimeOffset Due);
