using System.ComponentModel.DataAnnotations;

namespace Workflows.Functions.Api;

/// <summary>The body of <c>POST /api/tasks/{taskId}/clarification</c>.</summary>
public sealed record ClarificationRequest
{
    /// <summary>The requester's answer to the approver's question.</summary>
    [Required]
    public string? Answer { get; init; }
}
