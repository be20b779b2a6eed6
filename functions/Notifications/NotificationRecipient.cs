using Workflows.People;

namespace Workflows.Functions.Notifications;

/// <summary>
/// Who receives a notification: the person id, the directory entry when there is one, and the language
/// chosen. For a decision notice to the person concerned (not in the directory, no address),
/// <paramref name="HandDelivery"/> names the staff member who receives it to hand over.
/// </summary>
public sealed record NotificationRecipient(string PersonId, Person? Person, string Language, HandDelivery? HandDelivery = null);
