using System.ComponentModel.DataAnnotations;
using Workflows.Approvals;

namespace Workflows.Functions.Api;

// Bodies with settable properties rather than positional records: the OpenAPI document then marks as
// required only what [Required] says, as the handlers check it.

/// <summary>The body of <c>POST /api/tasks/{taskId}/decision</c>.</summary>
public sealed record DecisionRequest
{
    /// <summary>The decision names the API accepts (camelCase of <see cref="DecisionKind"/>).</summary>
    public static readonly IReadOnlyDictionary<string, DecisionKind> Names = Enum.GetValues<DecisionKind>()
        .ToDictionary(k => char.ToLowerInvariant(k.ToString()[0]) + k.ToString()[1..], k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>approve, approveWithConditions, reject, veto or returnForClarification.</summary>
    [Required]
    public string? Decision { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string>? ReasonCodes { get; init; }

    public IReadOnlyList<string>? Conditions { get; init; }

    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
