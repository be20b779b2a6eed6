using System.ComponentModel.DataAnnotations;

namespace Workflows.Functions.Api;

/// <summary>The body of <c>POST /api/tasks/{taskId}/delegate</c>.</summary>
public sealed record DelegateRequest
{
    /// <summary>The person (id) who decides in the assignee's place.</summary>
    [Required]
    public string? DelegateId { get; init; }

    public string? Comment { get; init; }
}
