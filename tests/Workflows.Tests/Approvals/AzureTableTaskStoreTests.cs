using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Approvals;
using Workflows.Storage;
using Workflows.Testing.Azurite;

namespace Workflows.Tests.Approvals;

public sealed class AzureTableTaskStoreTests(AzuriteFixture azurite) : TaskStoreContract, IAsyncLifetime
{
    private readonly AzureTableApprovalTaskStore _store = new(
        new TableServiceClient(azurite.ConnectionString),
        Options.Create(new WorkflowStorageOptions { UseInMemory = false, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10] }));

    protected override IApprovalTaskStore Store => _store;

    public async ValueTask InitializeAsync() => await _store.InitializeAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
