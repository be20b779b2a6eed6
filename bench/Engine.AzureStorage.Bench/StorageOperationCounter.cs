using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>An Azure SDK pipeline policy that counts storage requests by kind.</summary>
internal sealed class StorageOperationCounter(int blobPort, int queuePort, int tablePort) : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<bool> Suppressed = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public static readonly string[] Kinds =
        ["table read", "table write", "table batch", "queue get", "queue put", "queue delete", "queue update", "blob", "other"];

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Suppressed.Value)
        {
            return;
        }

        _counts.AddOrUpdate(Classify(message.Request), 1, (_, n) => n + 1);
    }

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

    public void Reset() => _counts.Clear();

    /// <summary>Requests made by the bench itself (polling for completion) are not the orchestration's: not counted.</summary>
    public static void Suppress() => Suppressed.Value = true;

    private string Classify(Request request)
    {
        var port = request.Uri.Port;
        var path = request.Uri.Path;
        var method = request.Method;
        if (port == blobPort)
        {
            return "blob";
        }

        if (port == tablePort)
        {
            if (path.EndsWith("$batch", StringComparison.Ordinal))
            {
                return "table batch";
            }

            return method == RequestMethod.Get ? "table read" : "table write";
        }

        if (port == queuePort && path.Contains("/messages", StringComparison.Ordinal))
        {
            var oneMessage = !path.EndsWith("/messages", StringComparison.Ordinal);
            if (method == RequestMethod.Get)
            {
                return "queue get";
            }

            if (method == RequestMethod.Post)
            {
                return "queue put";
            }

            if (method == RequestMethod.Delete && oneMessage)
            {
                return "queue delete";
            }

            if (method == RequestMethod.Put && oneMessage)
            {
                return "queue update";
            }
        }

        return "other";
    }
}
