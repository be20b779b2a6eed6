using Workflows.Engine.AzureStorage.Internal;

namespace Workflows.Engine.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<InstanceCount>> CountInstancesAsync(InstanceCountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _context.Clients.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var criteria = IndexCriteria.Of(query);
        var scans = query.TimeField == InstanceTimeField.Completed
            ? IndexScan.ByCompletion(criteria)
            : await IndexScan.ByCreationAsync(_context.Index, criteria, null, cancellationToken).ConfigureAwait(false);
        return await IndexCounter.CountAsync(_context.Index.Table, scans, query, cancellationToken).ConfigureAwait(false);
    }
}
