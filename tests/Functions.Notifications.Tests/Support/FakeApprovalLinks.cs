using Workflows.Functions.Approvals;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>Issues recognisable approval links under https://workflows.test/approvals/ and remembers what it issued.</summary>
public sealed class FakeApprovalLinks : IApprovalLinks
{
    private readonly List<(string TaskId, string ApproverId, DateTimeOffset ExpiresAt)> _issued = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<(string TaskId, string ApproverId, DateTimeOffset ExpiresAt)> Issued
    {
        get
        {
            lock (_gate)
            {
                return _issued.ToList();
            }
        }
    }

    public Task<ApprovalLink> IssueAsync(string taskId, string approverId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _issued.Add((taskId, approverId, expiresAt));
        }

        var token = $"tok-{taskId}-{approverId}";
        return Task.FromResult(new ApprovalLink(
            new Uri($"https://workflows.test/approvals/{token}"),
            new Uri($"https://workflows.test/approvals/{token}?decision=approve"),
            new Uri($"https://workflows.test/approvals/{token}?decision=reject")));
    }
}
