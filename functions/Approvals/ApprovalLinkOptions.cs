namespace Workflows.Functions.Approvals;

/// <summary>Settings of approval links (section <c>Workflows:ApprovalLinks</c>).</summary>
public sealed class ApprovalLinkOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows:ApprovalLinks";

    /// <summary>
    /// The key that signs link tokens (at least 32 characters; a Key Vault secret in Azure). In
    /// Development a fixed development key is used when it is empty.
    /// </summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>When true, a link also requires the approver to be signed in (as themselves).</summary>
    public bool RequireSignIn { get; set; }

    /// <summary>The longest a link lives, whatever the task's due date.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);
}
