using System.Text;
using System.Text.Json;
using Workflows.Engine.Backend;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Turns orchestration messages and activity requests into queue (or timer row) text and back.
/// Text above the queue limit goes to a compressed blob and the message carries its name.
/// </summary>
internal sealed class MessageCodec(JsonSerializerOptions json, PayloadStore payloads)
{
    /// <summary>Queue messages hold 64 KiB; XML escaping and the envelope need room.</summary>
    public const int MaxInlineBytes = 45 * 1024;

    private const string BlobPrefix = "blob:";

    public JsonSerializerOptions Json => json;

    public Task<string> EncodeAsync(OrchestrationMessage message, CancellationToken cancellationToken) =>
        EncodeAsync(message, 0, cancellationToken);

    /// <summary>
    /// Encodes a message; <paramref name="priorDeliveries"/> (kept in the message's dequeue count) says
    /// how often earlier copies were delivered, for a message given back by writing it again.
    /// </summary>
    public Task<string> EncodeAsync(OrchestrationMessage message, int priorDeliveries, CancellationToken cancellationToken) =>
        EncodeTextAsync(message.InstanceId, JsonSerializer.Serialize(message with { DequeueCount = Math.Max(0, priorDeliveries) }, json), cancellationToken);

    public Task<string> EncodeAsync(ActivityMessage message, CancellationToken cancellationToken) =>
        EncodeTextAsync(message.Request.InstanceId, JsonSerializer.Serialize(message, json), cancellationToken);

    /// <summary>The blob an encoded message refers to, if it went to one.</summary>
    public static string? BlobOf(string text) =>
        text.StartsWith(BlobPrefix, StringComparison.Ordinal) ? text[BlobPrefix.Length..] : null;

    public async Task<(OrchestrationMessage Message, string? Blob)> DecodeOrchestrationMessageAsync(string text, CancellationToken cancellationToken)
    {
        var (json2, blob) = await ResolveAsync(text, cancellationToken).ConfigureAwait(false);
        var message = JsonSerializer.Deserialize<OrchestrationMessage>(json2, json) ?? throw new JsonException("Empty message.");
        return (message, blob);
    }

    public async Task<(ActivityMessage Message, string? Blob)> DecodeActivityMessageAsync(string text, CancellationToken cancellationToken)
    {
        var (json2, blob) = await ResolveAsync(text, cancellationToken).ConfigureAwait(false);
        var message = JsonSerializer.Deserialize<ActivityMessage>(json2, json) ?? throw new JsonException("Empty message.");
        return (message, blob);
    }

    /// <summary>
    /// Re-encodes an encoded message with <paramref name="deliveries"/> more prior deliveries. Returns the
    /// new text and the blob the old text referred to (to delete once the new text is stored), if any.
    /// </summary>
    public async Task<(string Text, string? ReplacedBlob)> AddDeliveriesAsync(string text, int deliveries, CancellationToken cancellationToken)
    {
        var (message, blob) = await DecodeOrchestrationMessageAsync(text, cancellationToken).ConfigureAwait(false);
        var encoded = await EncodeAsync(message, message.DequeueCount + deliveries, cancellationToken).ConfigureAwait(false);
        return (encoded, blob);
    }

    public Task DeleteBlobAsync(string? blob) =>
        blob is null ? Task.CompletedTask : payloads.DeleteAsync(blob, CancellationToken.None);

    private async Task<string> EncodeTextAsync(string instanceId, string text, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(text) <= MaxInlineBytes && !text.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return text;
        }

        var name = PayloadStore.InstanceBlobName(instanceId, "message");
        await payloads.StoreAsync(name, text, cancellationToken).ConfigureAwait(false);
        return BlobPrefix + name;
    }

    private async Task<(string Json, string? Blob)> ResolveAsync(string text, CancellationToken cancellationToken)
    {
        if (!text.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return (text, null);
        }

        var name = text[BlobPrefix.Length..];
        return (await payloads.LoadAsync(name, cancellationToken).ConfigureAwait(false), name);
    }
}

/// <summary>The body of an activity (work-item queue) message.</summary>
internal sealed record ActivityMessage(ActivityRequest Request, DateTimeOffset EnqueuedAt);
