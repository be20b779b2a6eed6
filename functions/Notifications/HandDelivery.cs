using Workflows.People;

namespace Workflows.Functions.Notifications;

/// <summary>The staff member who receives a decision notice to hand to the person concerned, and the language to write to them in.</summary>
public sealed record HandDelivery(Person Deliverer, string Language);
