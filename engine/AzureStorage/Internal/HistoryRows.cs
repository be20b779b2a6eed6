using System.Text.Json;
using Azure.Data.Tables;
using Workflows.Engine.History;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// One history row per checkpoint: the checkpoint's new events as gzip-compressed JSON, split over
/// binary properties of at most 64 KiB (or in a blob when larger), so that a checkpoint is always a
/// single entity group transaction and a half-written checkpoint can never be read.
/// </summary>
internal static class HistoryRows
{
    private const int MaxPropertyBytes = 64 * 1024;
    private const int MaxInlineBytes = 12 * MaxPropertyBytes;

    public static async Task<TableEntity> ToEntityAsync(
        string instanceId,
        string executionId,
        int row,
        IReadOnlyList<HistoryEvent> events,
        PayloadStore payloads,
        JsonSerializerOptions json,
        CancellationToken cancellationToken)
    {
        var entity = new TableEntity(instanceId, Keys.HistoryRowKey(executionId, row))
        {
            ["Count"] = events.Count,
        };
        var text = JsonSerializer.Serialize(events, json);
        var compressed = Compression.Compress(text);
        if (compressed.Length > MaxInlineBytes)
        {
            var blob = PayloadStore.InstanceBlobName(instanceId, "history");
            await payloads.StoreAsync(blob, text, cancellationToken).ConfigureAwait(false);
            entity["Blob"] = blob;
            return entity;
        }

        for (var part = 0; part * MaxPropertyBytes < compressed.Length; part++)
        {
            var offset = part * MaxPropertyBytes;
            entity["D" + part.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                compressed.AsSpan(offset, Math.Min(MaxPropertyBytes, compressed.Length - offset)).ToArray();
        }

        return entity;
    }

    public static async Task<List<HistoryEvent>> ReadAsync(TableEntity entity, PayloadStore payloads, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        string text;
        if (entity.GetString("Blob") is { } blob)
        {
            text = await payloads.LoadAsync(blob, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var buffer = new MemoryStream();
            for (var part = 0; entity.GetBinary("D" + part.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } bytes; part++)
            {
                buffer.Write(bytes);
            }

            text = Compression.DecompressText(buffer.ToArray());
        }

        return JsonSerializer.Deserialize<List<HistoryEvent>>(text, json) ?? [];
    }
}
