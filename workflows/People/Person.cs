namespace Workflows.People;

/// <summary>A staff member or partner user: roles per scope, preferred language, manager (for escalation).</summary>
public sealed record Person
{
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public required string Email { get; init; }

    /// <summary>One of en, fr, es, ru, ar, zh.</summary>
    public string Language { get; init; } = "en";

    /// <summary>Used only by assignment rules (women staff for women prisoners).</summary>
    public string? Gender { get; init; }

    public IReadOnlyList<RoleGrant> Roles { get; init; } = [];

    public string? ManagerId { get; init; }

    /// <summary>The actor this person is when signed in.</summary>
    public Actor ToActor() => new(Id, Roles, Language);
}
