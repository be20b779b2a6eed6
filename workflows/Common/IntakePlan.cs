using Workflows.Cases;

namespace Workflows;

/// <summary>What an intake service asks <see cref="IntakeSupport"/> to create and start.</summary>
public sealed record IntakePlan
{
    public required string Workflow { get; init; }

    public required string OrchestrationName { get; init; }

    public required string ReferencePrefix { get; init; }

    public required string FacilityId { get; init; }

    /// <summary>Makes a repeated submission idempotent: the same id gives the same case reference.</summary>
    public string? ClientRequestId { get; init; }

    public string? SubjectId { get; init; }

    public string SubjectLanguage { get; init; } = "en";

    public bool IsJuvenile { get; init; }

    public bool Confidential { get; init; }

    public IReadOnlyList<string> ExcludedStaffIds { get; init; } = [];

    public IReadOnlyList<CaseParticipant> Participants { get; init; } = [];

    public IReadOnlyList<string> LinkedCaseIds { get; init; } = [];

    public IReadOnlyList<CaseSection> Sections { get; init; } = [];

    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    public required Func<CaseContext, object> BuildInput { get; init; }
}
