namespace Workflows.Functions.Notifications;

/// <summary>A link in a message: <c>approve</c>, <c>reject</c>, <c>open</c> (the task) or <c>case</c>.</summary>
/// <param name="Rel">What the link does.</param>
/// <param name="Href">The absolute URL, built from <c>Workflows:PublicBaseUrl</c>.</param>
public sealed record NotificationLink(string Rel, Uri Href);
