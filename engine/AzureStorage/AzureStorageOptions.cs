using Azure.Core;

namespace Workflows.Engine.AzureStorage;

/// <summary>
/// Settings of the Azure Storage backend. The host binds them from the configuration section
/// <c>Workflows:Storage</c>. Give either <see cref="ConnectionString"/> (Azurite, or an account with
/// shared keys), or <see cref="AccountName"/> or the three service URIs together with a
/// <see cref="TokenCredential"/> (managed identity in Azure, where shared keys are disabled).
/// </summary>
public sealed class AzureStorageOptions
{
    /// <summary>The configuration section the host binds these settings from.</summary>
    public const string SectionName = "Workflows:Storage";

    /// <summary>A storage connection string, for example <c>UseDevelopmentStorage=true</c> for Azurite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account name; the service URIs are derived as <c>https://{name}.{blob|queue|table}.core.windows.net</c>.</summary>
    public string? AccountName { get; set; }

    /// <summary>The table service URI (overrides the one derived from <see cref="AccountName"/>).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The queue service URI (overrides the one derived from <see cref="AccountName"/>).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The blob service URI (overrides the one derived from <see cref="AccountName"/>).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The credential used with service URIs (not bound from configuration).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// The task hub: lowercase letters and digits, starting with a letter, 3 to 45 characters. It
    /// prefixes every table, queue and container, so deployments sharing an account stay apart.
    /// </summary>
    public string TaskHub { get; set; } = "workflows";

    /// <summary>How many control queues (partitions) orchestration messages are spread over (1 to 16).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>This host's name in leases; a unique default is made from the machine name and process id.</summary>
    public string? HostId { get; set; }

    /// <summary>How long a partition lease lasts without renewal (15 to 60 seconds: blob lease limits).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are renewed (well under <see cref="LeaseDuration"/>).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a host looks for partitions to take or give back (balancing across hosts).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The shortest wait between two polls of an empty queue.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between two polls of an empty queue (polling backs off up to this when idle).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the owner of a partition looks for due durable timers (real time).</summary>
    public TimeSpan TimerPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a received control message stays invisible to others; renewed while held.</summary>
    public TimeSpan ControlMessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a received activity message stays invisible to others; renewed while the activity runs.</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many messages one queue read fetches (1 to 32).</summary>
    public int MessageBatchSize { get; set; } = 32;

    /// <summary>How many control messages a partition keeps in memory before it stops reading its queue.</summary>
    public int MaxBufferedMessagesPerPartition { get; set; } = 1000;

    /// <summary>
    /// Deliveries beyond which a message is poison (set aside, instance failed). Defaults to the
    /// engine's <see cref="EngineOptions.MaxDequeueCount"/> when null.
    /// </summary>
    public int? MaxDequeueCount { get; set; }

    /// <summary>How many instances' histories a host keeps in memory for the partitions it owns.</summary>
    public int HistoryCacheSize { get; set; } = 10_000;

    /// <summary>How long a graceful shutdown waits for in-flight episodes before abandoning them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Changes every Azure SDK client's options (for example to add a pipeline policy that counts requests).</summary>
    public Action<ClientOptions>? ConfigureClientOptions { get; set; }
}
