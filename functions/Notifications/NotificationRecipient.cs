using Workflows.People;

namespace Workflows.Functions.Notifications;

/// <summary>Who receives a notification: the person id, the directory entry when there is one, and the language chosen.</summary>
public sealed record NotificationRecipient(string PersonId, Person? Person, string Language);
