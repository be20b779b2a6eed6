using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>The tables, queues and containers of one task hub, and their one-time creation.</summary>
internal sealed class StorageClients
{
    private readonly Lock _gate = new();
    private Task? _creation;

    public StorageClients(AzureStorageOptions options)
    {
        var hub = options.TaskHub;
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        var blobOptions = new BlobClientOptions();
        foreach (ClientOptions o in new ClientOptions[] { tableOptions, queueOptions, blobOptions })
        {
            options.ConfigureClientOptions?.Invoke(o);
        }

        TableServiceClient tables;
        QueueServiceClient queues;
        BlobServiceClient blobs;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            tables = new TableServiceClient(options.ConnectionString, tableOptions);
            queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
        }
        else
        {
            var credential = options.Credential
                ?? throw new InvalidOperationException($"{AzureStorageOptions.SectionName}:AccountName needs a TokenCredential (pass one to UseAzureStorage, for example a managed identity credential).");
            var account = options.AccountName;
            tables = new TableServiceClient(options.TableServiceUri ?? new Uri($"https://{account}.table.core.windows.net"), credential, tableOptions);
            queues = new QueueServiceClient(options.QueueServiceUri ?? new Uri($"https://{account}.queue.core.windows.net"), credential, queueOptions);
            blobs = new BlobServiceClient(options.BlobServiceUri ?? new Uri($"https://{account}.blob.core.windows.net"), credential, blobOptions);
        }

        Instances = tables.GetTableClient(hub + "Instances");
        Index = tables.GetTableClient(hub + "Index");
        Timers = tables.GetTableClient(hub + "Timers");
        Poison = tables.GetTableClient(hub + "Poison");
        ControlQueues = [.. Enumerable.Range(0, options.PartitionCount).Select(i => queues.GetQueueClient(ControlQueueName(hub, i)))];
        WorkItems = queues.GetQueueClient(hub + "-workitems");
        Leases = blobs.GetBlobContainerClient(hub + "-leases");
        Payloads = blobs.GetBlobContainerClient(hub + "-payloads");
    }

    /// <summary>Instance state rows and history rows, one partition per instance.</summary>
    public TableClient Instances { get; }

    /// <summary>Query index rows, host heartbeats and the names registry.</summary>
    public TableClient Index { get; }

    /// <summary>Durable timers and other delayed messages, one partition per control queue.</summary>
    public TableClient Timers { get; }

    /// <summary>Messages set aside as poison, with the reason.</summary>
    public TableClient Poison { get; }

    /// <summary>The control queues, one per partition.</summary>
    public IReadOnlyList<QueueClient> ControlQueues { get; }

    /// <summary>The shared activity queue.</summary>
    public QueueClient WorkItems { get; }

    /// <summary>Partition lease blobs.</summary>
    public BlobContainerClient Leases { get; }

    /// <summary>Large payloads and large messages, compressed.</summary>
    public BlobContainerClient Payloads { get; }

    public static string ControlQueueName(string taskHub, int partition) =>
        $"{taskHub}-control-{partition.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Creates every table, queue and container once (idempotent); tried again on the next call after a failure.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        Task creation;
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAllAsync();
            }

            creation = _creation;
        }

        return creation.WaitAsync(cancellationToken);
    }

    private async Task CreateAllAsync()
    {
        var tasks = new List<Task>
        {
            Instances.CreateIfNotExistsAsync(),
            Index.CreateIfNotExistsAsync(),
            Timers.CreateIfNotExistsAsync(),
            Poison.CreateIfNotExistsAsync(),
            WorkItems.CreateIfNotExistsAsync(),
            Leases.CreateIfNotExistsAsync(),
            Payloads.CreateIfNotExistsAsync(),
        };
        tasks.AddRange(ControlQueues.Select(q => (Task)q.CreateIfNotExistsAsync()));
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
