namespace Workflows.Functions.Auth;

/// <summary>Claim types and scheme names of the host.</summary>
public static class WorkflowsClaims
{
    /// <summary>A role grant: <c>role|level|scopeId</c>.</summary>
    public const string Grant = "wf:grant";

    /// <summary>The person's preferred language.</summary>
    public const string Language = "wf:lang";

    /// <summary>Marks a principal whose roles came from the directory.</summary>
    public const string FromDirectory = "wf:directory";

    /// <summary>The policy scheme that picks the right handler per request.</summary>
    public const string Scheme = "Workflows";

    /// <summary>The development header scheme (<c>X-Dev-User</c>).</summary>
    public const string DevelopmentHeaderScheme = "DevelopmentHeader";

    /// <summary>The header scripts use in Development to act as a seeded user.</summary>
    public const string DevelopmentUserHeader = "X-Dev-User";
}
