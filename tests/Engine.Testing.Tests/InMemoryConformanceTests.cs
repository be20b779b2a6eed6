using Workflows.Engine.Conformance;
using Workflows.Engine.Hosting;

namespace Workflows.Engine.Testing.Tests;

/// <summary>The backend conformance suite on the in-memory backend.</summary>
public sealed class InMemoryConformanceTests : OrchestrationConformanceTests
{
    protected override Task<IConformanceHarness> CreateHarnessAsync(Action<EngineBuilder> configure) =>
        Task.FromResult<IConformanceHarness>(new InMemoryHarness(OrchestrationTestHost.Create(configure)));
}
