using Workflows.Approvals;

namespace Workflows.Tests.Approvals;

public sealed class InMemoryTaskStoreTests : TaskStoreContract
{
    protected override IApprovalTaskStore Store { get; } = new InMemoryApprovalTaskStore();
}
