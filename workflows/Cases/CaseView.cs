namespace Workflows.Cases;

/// <summary>What one actor may see of a case: the core record, and only the sections and attachments of the tiers they may read.</summary>
public sealed record CaseView(CaseRecord Case, IReadOnlyList<DataTier> ReadableTiers, IReadOnlyList<CaseSection> Sections, IReadOnlyList<DocumentRef> Documents);
