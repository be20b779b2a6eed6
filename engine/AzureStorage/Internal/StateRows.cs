using System.Text.Json;
using Azure.Data.Tables;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Maps an instance's status to its state row (row key "s" in the instance's partition) and back.
/// Input, output, custom status and failure details above the inline limit live in compressed blobs.
/// </summary>
internal static class StateRows
{
    public const string HistoryRows = "HistoryRows";
    public const string IndexClass = "IndexClass";
    public const string IndexKey = "IndexKey";
    public const string IndexFormat = "IndexFormat";
    public const string PendingTimers = "PendingTimers";
    public const string Status = "Status";
    public const string Name = "Name";

    /// <summary>Set (to the engine's time) when a purge starts: the row is a tombstone that readers treat as absent.</summary>
    public const string PurgeStartedAt = "PurgeStartedAt";

    private const string Input = "Input";
    private const string Output = "Output";
    private const string CustomStatus = "CustomStatus";
    private const string Failure = "Failure";
    private const string BlobSuffix = "Blob";

    public static async Task<TableEntity> ToEntityAsync(
        OrchestrationState state,
        StateRowExtras extras,
        InstanceSnapshot? previous,
        PayloadStore payloads,
        JsonSerializerOptions json,
        CancellationToken cancellationToken)
    {
        var entity = new TableEntity(state.InstanceId, Keys.StateRowKey)
        {
            [Name] = state.Name,
            ["Version"] = state.Version,
            ["ExecutionId"] = state.ExecutionId,
            [Status] = state.RuntimeStatus.ToString(),
            ["CreatedAt"] = state.CreatedAt,
            ["LastUpdatedAt"] = state.LastUpdatedAt,
            ["CompletedAt"] = state.CompletedAt,
            ["ScheduledStartTime"] = state.ScheduledStartTime,
            ["ParentInstanceId"] = state.ParentInstanceId,
            ["NextTimerDueAt"] = state.NextTimerDueAt,
            ["StuckReason"] = state.StuckReason,
            ["HistoryLength"] = state.HistoryLength,
            [HistoryRows] = extras.HistoryRows,
            [IndexClass] = extras.IndexClass,
            [IndexKey] = extras.IndexKey,
            [IndexFormat] = IndexStore.Format,
            ["Tags"] = state.Tags.Count == 0 ? null : JsonSerializer.Serialize(state.Tags, json),
            [PendingTimers] = extras.PendingTimers.Count == 0 ? null : JsonSerializer.Serialize(extras.PendingTimers, json),
        };
        var old = previous?.State;
        var oldEntity = previous?.Entity;
        await SetLargeAsync(entity, Input, state.Input, oldEntity, old?.Input, payloads, cancellationToken).ConfigureAwait(false);
        await SetLargeAsync(entity, Output, state.Output, oldEntity, old?.Output, payloads, cancellationToken).ConfigureAwait(false);
        await SetLargeAsync(entity, CustomStatus, state.CustomStatus, oldEntity, old?.CustomStatus, payloads, cancellationToken).ConfigureAwait(false);
        var failure = state.FailureDetails is null ? null : JsonSerializer.Serialize(state.FailureDetails, json);
        var oldFailure = old?.FailureDetails is null ? null : JsonSerializer.Serialize(old.FailureDetails, json);
        await SetLargeAsync(entity, Failure, failure, oldEntity, oldFailure, payloads, cancellationToken).ConfigureAwait(false);
        return entity;
    }

    public static async Task<OrchestrationState> ToStateAsync(TableEntity entity, bool includePayloads, PayloadStore payloads, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var failure = await GetLargeAsync(entity, Failure, true, payloads, cancellationToken).ConfigureAwait(false);
        return ToSummary(entity, json) with
        {
            ScheduledStartTime = entity.GetDateTimeOffset("ScheduledStartTime"),
            ParentInstanceId = entity.GetString("ParentInstanceId"),
            NextTimerDueAt = entity.GetDateTimeOffset("NextTimerDueAt"),
            StuckReason = entity.GetString("StuckReason"),
            HistoryLength = entity.GetInt32("HistoryLength") ?? 0,
            Input = includePayloads ? await GetLargeAsync(entity, Input, true, payloads, cancellationToken).ConfigureAwait(false) : null,
            Output = includePayloads ? await GetLargeAsync(entity, Output, true, payloads, cancellationToken).ConfigureAwait(false) : null,
            CustomStatus = await GetLargeAsync(entity, CustomStatus, true, payloads, cancellationToken).ConfigureAwait(false),
            FailureDetails = failure is null ? null : JsonSerializer.Deserialize<FailureDetails>(failure, json),
        };
    }

    /// <summary>Whether the row is the tombstone of an instance being purged.</summary>
    public static bool IsPurging(TableEntity entity) => entity.ContainsKey(PurgeStartedAt);

    /// <summary>
    /// What the row says without reading any blob (no payloads, custom status or failure): enough to
    /// filter an instance and find its index rows, even when its blobs are already gone.
    /// </summary>
    public static OrchestrationState ToSummary(TableEntity entity, JsonSerializerOptions json) => new()
    {
        InstanceId = entity.PartitionKey,
        ExecutionId = entity.GetString("ExecutionId") ?? string.Empty,
        Name = entity.GetString(Name) ?? string.Empty,
        Version = entity.GetString("Version") ?? string.Empty,
        RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString(Status) ?? nameof(OrchestrationRuntimeStatus.Pending)),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? default,
        CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
        Tags = ReadTags(entity, json),
    };

    public static List<string> ReadPendingTimers(TableEntity? entity, JsonSerializerOptions json) =>
        entity?.GetString(PendingTimers) is { } text ? JsonSerializer.Deserialize<List<string>>(text, json) ?? [] : [];

    private static Dictionary<string, string> ReadTags(TableEntity entity, JsonSerializerOptions json) =>
        entity.GetString("Tags") is { } tagsJson
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(tagsJson, json) ?? []
            : [];

    private static async Task SetLargeAsync(TableEntity entity, string name, string? value, TableEntity? oldEntity, string? oldValue, PayloadStore payloads, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return;
        }

        if (oldEntity is not null && string.Equals(oldValue, value, StringComparison.Ordinal))
        {
            if (oldEntity.TryGetValue(name, out var inline))
            {
                entity[name] = inline;
                return;
            }

            if (oldEntity.TryGetValue(name + BlobSuffix, out var blobName))
            {
                entity[name + BlobSuffix] = blobName;
                return;
            }
        }

        if (value.Length <= PayloadStore.MaxInlineChars)
        {
            entity[name] = value;
            return;
        }

        var blob = PayloadStore.InstanceBlobName(entity.PartitionKey, name.ToLowerInvariant());
        await payloads.StoreAsync(blob, value, cancellationToken).ConfigureAwait(false);
        entity[name + BlobSuffix] = blob;
    }

    private static async Task<string?> GetLargeAsync(TableEntity entity, string name, bool load, PayloadStore payloads, CancellationToken cancellationToken)
    {
        if (entity.GetString(name) is { } inline)
        {
            return inline;
        }

        if (!load || entity.GetString(name + BlobSuffix) is not { } blob)
        {
            return null;
        }

        return await payloads.LoadAsync(blob, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Backend bookkeeping stored on the state row beside the status.</summary>
internal sealed record StateRowExtras(int HistoryRows, string IndexClass, string IndexKey, IReadOnlyList<string> PendingTimers);
