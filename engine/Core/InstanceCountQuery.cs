namespace Workflows.Engine;

/// <summary>
/// Which instances to count, and how to break the count down. Every criterion is optional and they
/// combine with AND, with the same meaning as in <see cref="InstanceQuery"/>. Counts are exact and are
/// computed from the backend's index, never from the instances themselves.
/// </summary>
public sealed record InstanceCountQuery
{
    /// <summary>Only instances in one of these statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? RuntimeStatus { get; init; }

    /// <summary>Only instances of this orchestration name (exact, case-insensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Only instances of one of these orchestration names (exact, case-insensitive), for example every workflow but its steps.</summary>
    public IReadOnlyCollection<string>? Names { get; init; }

    /// <summary>Only instances carrying every one of these tags with these values.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Only instances whose id starts with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>
    /// Which time <see cref="From"/>, <see cref="To"/> and <see cref="BucketSize"/> apply to: when the
    /// instance was created (default) or when it finished. Counting by completion time counts finished
    /// instances only and needs both ends of the range.
    /// </summary>
    public InstanceTimeField TimeField { get; init; } = InstanceTimeField.Created;

    /// <summary>Only instances whose <see cref="TimeField"/> is at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only instances whose <see cref="TimeField"/> is before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>
    /// When set, counts per time bucket: consecutive buckets of this size starting at <see cref="From"/>
    /// (both ends of the range are then required).
    /// </summary>
    public TimeSpan? BucketSize { get; init; }

    /// <summary>Whether to count per orchestration name.</summary>
    public bool ByName { get; init; }

    /// <summary>Whether to count per runtime status.</summary>
    public bool ByStatus { get; init; }

    /// <summary>
    /// The start of the bucket a time falls in (buckets of <see cref="BucketSize"/> from <see cref="From"/>),
    /// or null when the count has no buckets.
    /// </summary>
    public DateTimeOffset? BucketOf(DateTimeOffset time) =>
        BucketSize is { Ticks: > 0 } size && From is { } from
            ? from.AddTicks((time - from).Ticks / size.Ticks * size.Ticks)
            : null;

    /// <summary>The count query with the same filters as an instance query (paging settings play no part).</summary>
    public static InstanceCountQuery For(InstanceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new InstanceCountQuery
        {
            RuntimeStatus = query.RuntimeStatus,
            Name = query.Name,
            Tags = query.Tags,
            InstanceIdPrefix = query.InstanceIdPrefix,
            From = query.CreatedFrom,
            To = query.CreatedTo,
        };
    }
}
