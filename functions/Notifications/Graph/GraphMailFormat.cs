namespace Workflows.Functions.Notifications.Graph;

/// <summary>How mail is handed to Graph (<c>Workflows:Graph:MailFormat</c>).</summary>
public enum GraphMailFormat
{
    /// <summary>
    /// An Internet message (MIME) with the HTML and its plain-text alternative, as the application wrote
    /// them. Graph keeps a copy in the sending mailbox's Sent Items (sendMail offers no choice for MIME).
    /// </summary>
    Mime,

    /// <summary>A Graph message with the HTML body only (Exchange derives the text part); no copy is kept in Sent Items.</summary>
    Html,
}
