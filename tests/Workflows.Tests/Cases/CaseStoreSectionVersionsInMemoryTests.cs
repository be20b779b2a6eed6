using Workflows.Cases;

namespace Workflows.Tests.Cases;

public sealed class CaseStoreSectionVersionsInMemoryTests : CaseStoreSectionVersionsContract
{
    protected override ICaseStore Store { get; } = new InMemoryCaseStore();
}
