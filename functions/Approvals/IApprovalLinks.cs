namespace Workflows.Functions.Approvals;

/// <summary>
/// Issues approval links for email (and any other channel that needs one): unguessable, bound to one
/// task and one approver, stored hashed, expiring, single-use. A link opens a confirmation page
/// (GET never decides); the decision is a POST with an anti-forgery token.
/// </summary>
public interface IApprovalLinks
{
    /// <summary>Issues a link for <paramref name="approverId"/> to decide <paramref name="taskId"/>, valid until <paramref name="expiresAt"/>.</summary>
    Task<ApprovalLink> IssueAsync(string taskId, string approverId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}

/// <summary>The URLs of one issued link: the plain page, and the page with a decision pre-selected.</summary>
/// <param name="Open">The confirmation page.</param>
/// <param name="Approve">The confirmation page with "approve" pre-selected.</param>
/// <param name="Reject">The confirmation page with "reject" pre-selected.</param>
public sealed record ApprovalLink(Uri Open, Uri Approve, Uri Reject);
