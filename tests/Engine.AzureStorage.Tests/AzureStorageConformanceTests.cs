using Workflows.Engine.Conformance;
using Workflows.Engine.Hosting;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>The backend conformance suite, unchanged, on Azure Storage (Azurite), one task hub per test.</summary>
public sealed class AzureStorageConformanceTests(AzuriteFixture azurite) : OrchestrationConformanceTests
{
    /// <summary>
    /// 300 keeps the CI run short on Azurite; the suite also passes with the default 1000 (run it with
    /// WORKFLOWS_TEST_FANOUT=1000).
    /// </summary>
    protected override int FanOutCount =>
        int.TryParse(Environment.GetEnvironmentVariable("WORKFLOWS_TEST_FANOUT"), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 300;

    protected override async Task<IConformanceHarness> CreateHarnessAsync(Action<EngineBuilder> configure) =>
        await AzureStorageHarness.StartAsync(azurite.ConnectionString, configure);
}
