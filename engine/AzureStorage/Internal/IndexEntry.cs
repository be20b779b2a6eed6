namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>What the index rows of one instance say about it: everything a query or a count filters on.</summary>
internal sealed record IndexEntry(
    string InstanceId,
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    OrchestrationRuntimeStatus Status,
    string IndexKey,
    DateTimeOffset? CompletedAt)
{
    public static IndexEntry Of(OrchestrationState state, string indexKey) =>
        new(state.InstanceId, state.Name, state.Tags, state.RuntimeStatus, indexKey, state.RuntimeStatus.IsTerminal() ? state.CompletedAt : null);

    /// <summary>The index class of the entry: "Live" or its terminal status.</summary>
    public string IndexClass => IndexStore.ClassOf(Status);
}
