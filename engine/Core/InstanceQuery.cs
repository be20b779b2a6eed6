namespace Workflows.Engine;

/// <summary>
/// A filter over orchestration instances. Every criterion is optional; criteria combine with AND.
/// Results come newest first, in pages.
/// </summary>
public sealed record InstanceQuery
{
    /// <summary>Only instances in one of these statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? RuntimeStatus { get; init; }

    /// <summary>Only instances of this orchestration name (exact, case-insensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instances whose id starts with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>
    /// Only instances carrying every one of these tags with these values. A backend may read the first
    /// tag's index and filter on the rest: put the most selective tag first (a case before a facility).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The page size (1 to 1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The token returned with the previous page, or null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to return inputs and outputs.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>One page of an instance query.</summary>
/// <param name="Instances">The instances on this page.</param>
/// <param name="ContinuationToken">The token for the next page, or null when this is the last.</param>
public sealed record InstancePage(IReadOnlyList<OrchestrationState> Instances, string? ContinuationToken);

/// <summary>Which instances to purge. Only instances in a terminal status are ever purged.</summary>
public sealed record PurgeFilter
{
    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instances in one of these (terminal) statuses; null for all terminal statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? RuntimeStatus { get; init; }

    /// <summary>Only instances of this orchestration name.</summary>
    public string? Name { get; init; }

    /// <summary>Only instances whose id starts with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>At most this many instances per call; call again while more remain.</summary>
    public int MaxInstances { get; init; } = 1000;
}

/// <summary>The result of a purge.</summary>
/// <param name="InstancesDeleted">How many instances were deleted.</param>
/// <param name="MoreRemaining">True when the filter matched more instances than one call deletes.</param>
public sealed record PurgeResult(int InstancesDeleted, bool MoreRemaining = false);
