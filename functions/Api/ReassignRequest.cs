using System.ComponentModel.DataAnnotations;

namespace Workflows.Functions.Api;

/// <summary>The body of <c>POST /api/tasks/{taskId}/reassign</c> (administrators).</summary>
public sealed record ReassignRequest
{
    /// <summary>The person (id) the task goes to.</summary>
    [Required]
    public string? AssigneeId { get; init; }

    /// <summary>Why: kept in the audit log.</summary>
    [Required]
    public string? Reason { get; init; }
}
