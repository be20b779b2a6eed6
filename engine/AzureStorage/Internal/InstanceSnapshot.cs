using Azure;
using Azure.Data.Tables;
using Workflows.Engine.History;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>An instance as read from (or last written to) its partition: state row, ETag and current history.</summary>
internal sealed class InstanceSnapshot
{
    public static readonly InstanceSnapshot Missing = new() { Entity = null, State = null, History = [] };

    /// <summary>The raw state row, or null when the instance does not exist.</summary>
    public required TableEntity? Entity { get; init; }

    /// <summary>The decoded status with payloads.</summary>
    public required OrchestrationState? State { get; init; }

    /// <summary>The state row's ETag: the guard of the next checkpoint.</summary>
    public ETag ETag { get; init; }

    /// <summary>The current execution's history.</summary>
    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>How many history rows the current execution has.</summary>
    public int HistoryRows { get; init; }

    /// <summary>Row keys of earlier executions' history, still to delete.</summary>
    public IReadOnlyList<string> StaleRowKeys { get; init; } = [];

    /// <summary>Timer rows (in the timers table) this instance still has.</summary>
    public IReadOnlyList<string> PendingTimers { get; init; } = [];

    /// <summary>The index class the instance is indexed under, if any.</summary>
    public string? IndexClass { get; init; }

    /// <summary>The row key of the instance's index rows.</summary>
    public string? IndexKey { get; init; }

    /// <summary>The index format its rows were written in (0 before the format was recorded).</summary>
    public int IndexFormat { get; init; }
}
