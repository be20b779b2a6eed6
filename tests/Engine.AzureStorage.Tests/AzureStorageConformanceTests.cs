using Workflows.Engine.Conformance;
using Workflows.Engine.Hosting;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>The backend conformance suite, unchanged, on Azure Storage (Azurite), one task hub per test.</summary>
public sealed class AzureStorageConformanceTests(AzuriteFixture azurite) : OrchestrationConformanceTests
{
    protected override async Task<IConformanceHarness> CreateHarnessAsync(Action<EngineBuilder> configure) =>
        await AzureStorageHarness.StartAsync(azurite.ConnectionString, configure);
}
