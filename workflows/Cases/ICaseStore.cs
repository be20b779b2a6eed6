namespace Workflows.Cases;

/// <summary>
/// Raw storage of cases, sections and attachment references. No entitlement checks here: people read
/// cases only through the case read service; workflows write through activities.
/// </summary>
public interface ICaseStore
{
    /// <summary>Creates the case; false when a case with that id exists.</summary>
    Task<bool> CreateAsync(CaseRecord record, CancellationToken cancellationToken = default);

    Task<CaseRecord?> GetAsync(string caseId, CancellationToken cancellationToken = default);

    Task UpdateAsync(string caseId, Func<CaseRecord, CaseRecord> change, CancellationToken cancellationToken = default);

    Task AddParticipantsAsync(string caseId, IEnumerable<CaseParticipant> participants, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the section (keyed by tier and name) as its next version and returns what is stored: earlier
    /// versions are kept, never overwritten. Writing the same data as the current version (a retried
    /// activity) adds no version and returns the current one.
    /// </summary>
    Task<CaseSection> WriteSectionAsync(string caseId, CaseSection section, CancellationToken cancellationToken = default);

    /// <summary>The current version of every section.</summary>
    Task<IReadOnlyList<CaseSection>> ReadSectionsAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>Every version of one section, oldest first; empty when there is no such section.</summary>
    Task<IReadOnlyList<CaseSection>> ReadSectionHistoryAsync(string caseId, DataTier tier, string name, CancellationToken cancellationToken = default);

    Task AddDocumentAsync(string caseId, DocumentRef document, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DocumentRef>> ListDocumentsAsync(string caseId, CancellationToken cancellationToken = default);
}
