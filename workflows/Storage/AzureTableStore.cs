using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Workflows.Storage;

/// <summary>
/// A store kept in one table named <c>{prefix}{name}</c>: holds the client and creates the table at start-up.
/// </summary>
public abstract class AzureTableStore : IStoreInitializer
{
    protected AzureTableStore(TableServiceClient service, IOptions<WorkflowStorageOptions> options, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        Table = service.GetTableClient(options.Value.TableName(name));
    }

    protected TableClient Table { get; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
}
