namespace Workflows.Functions.Notifications.Graph;

/// <summary>
/// Microsoft Graph settings (section <c>Workflows:Graph</c>), used by Graph mail and the Graph directory.
/// Without <see cref="ClientSecret"/> the app authenticates with <c>DefaultAzureCredential</c> (in Azure,
/// its managed identity, chosen by <c>AZURE_CLIENT_ID</c>).
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Workflows:Graph";

    /// <summary>The one mailbox mail is sent from (UPN or object id); Exchange should restrict Mail.Send to it.</summary>
    public string SenderMailbox { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    public string ClientId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The Graph endpoint (another value for national clouds).</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>
    /// <c>Mime</c> (default): HTML with the application's plain-text alternative; Graph keeps each message in
    /// the sending mailbox's Sent Items, approval links included, so restrict who can open that mailbox and
    /// give it a retention policy that deletes Sent Items soon. <c>Html</c>: HTML only, nothing kept.
    /// </summary>
    public GraphMailFormat MailFormat { get; set; } = GraphMailFormat.Mime;
}
