namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// The filters of a query, purge or count, in the index's terms. <see cref="From"/> and <see cref="To"/>
/// bound the time the scanned index is keyed by (creation, or completion for the completion rows).
/// </summary>
internal sealed record IndexCriteria(
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses,
    string? Name,
    IReadOnlyDictionary<string, string>? Tags,
    string? Prefix,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    /// <summary>Only instances of one of these names (counts only).</summary>
    public IReadOnlyCollection<string>? Names { get; init; }

    public static IndexCriteria Of(InstanceQuery query) =>
        new(query.RuntimeStatus, query.Name, query.Tags, query.InstanceIdPrefix, query.CreatedFrom, query.CreatedTo);

    public static IndexCriteria Of(InstanceCountQuery query) =>
        new(query.RuntimeStatus, query.Name, query.Tags, query.InstanceIdPrefix, query.From, query.To) { Names = query.Names };

    /// <summary>The index classes that can hold matching instances.</summary>
    public IReadOnlyList<string> Classes =>
        Statuses is { Count: > 0 } statuses ? [.. statuses.Select(IndexStore.ClassOf).Distinct()] : IndexStore.AllClasses;

    /// <summary>Whether an instance's state matches, by creation time (the final check of a query against the state row).</summary>
    public bool Matches(OrchestrationState s) =>
        (Statuses is null || Statuses.Count == 0 || Statuses.Contains(s.RuntimeStatus))
        && (Name is null || string.Equals(s.Name, Name, StringComparison.OrdinalIgnoreCase))
        && (Names is null || Names.Contains(s.Name, StringComparer.OrdinalIgnoreCase))
        && (From is null || s.CreatedAt >= From)
        && (To is null || s.CreatedAt < To)
        && (Prefix is null || s.InstanceId.StartsWith(Prefix, StringComparison.Ordinal))
        && (Tags is null || Tags.All(t => s.Tags.TryGetValue(t.Key, out var v) && v == t.Value));
}
