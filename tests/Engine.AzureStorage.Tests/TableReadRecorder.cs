using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// An Azure SDK pipeline policy that records every table read: which table, whether it was a query
/// (its filter and projection) or a point read, and how many entities came back.
/// </summary>
internal sealed class TableReadRecorder : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<TableRead> _reads = new();

    /// <summary>The task hub whose tables are recorded (others are ignored).</summary>
    public string? TaskHub { get; set; }

    public IReadOnlyList<TableRead> Reads => [.. _reads];

    public void Reset() => _reads.Clear();

    public override void OnReceivedResponse(HttpMessage message)
    {
        var request = message.Request;
        if (request.Method != RequestMethod.Get || TaskHub is null || message.Response.Status != 200)
        {
            return;
        }

        // Table URIs: {account}/{table}() for queries, {account}/{table}(PartitionKey='..',RowKey='..') for point reads.
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var segment = path[(path.LastIndexOf('/') + 1)..];
        var paren = segment.IndexOf('(', StringComparison.Ordinal);
        if (paren <= 0 || !segment.StartsWith(TaskHub, StringComparison.Ordinal))
        {
            return;
        }

        var table = segment[..paren];
        var isQuery = segment.EndsWith("()", StringComparison.Ordinal);
        string? filter = null;
        string? select = null;
        if (request.Uri.Query is { Length: > 1 } query)
        {
            foreach (var part in query.TrimStart('?').Split('&'))
            {
                if (part.StartsWith("$filter=", StringComparison.Ordinal))
                {
                    filter = Uri.UnescapeDataString(part["$filter=".Length..].Replace('+', ' '));
                }
                else if (part.StartsWith("$select=", StringComparison.Ordinal))
                {
                    select = Uri.UnescapeDataString(part["$select=".Length..]);
                }
            }
        }

        var entities = 1;
        if (isQuery)
        {
            using var json = JsonDocument.Parse(message.Response.Content);
            entities = json.RootElement.TryGetProperty("value", out var value) ? value.GetArrayLength() : 0;
        }

        _reads.Enqueue(new TableRead(table, isQuery, filter, entities, select));
    }
}

/// <summary>One table read seen by <see cref="TableReadRecorder"/> (<see cref="Select"/>: the properties a query asked for, null for all).</summary>
internal sealed record TableRead(string Table, bool IsQuery, string? Filter, int Entities, string? Select = null);
