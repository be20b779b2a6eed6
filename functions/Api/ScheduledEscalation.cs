using Workflows.Policies;

namespace Workflows.Functions.Api;

/// <summary>An escalation the policy will trigger for a task: when, and what it does.</summary>
public sealed record ScheduledEscalation(DateTimeOffset At, EscalationLevel Level);
