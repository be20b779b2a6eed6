namespace Workflows.Cases;

/// <summary>What one actor may see of a case: the core record, and only the sections and attachments of the tiers they may read.</summary>
public sealed record CaseView(CaseRecord Case, IReadOnlyList<DataTier> ReadableTiers, IReadOnlyList<CaseSection> Sections, IReadOnlyList<DocumentRef> Documents)
{
    /// <summary>
    /// Read by CSO staff assigned to the case (<see cref="CaseAccessPolicy.IsPartnerView"/>): the sections are
    /// narrowed to the annex's fields, and nothing else of the case (tasks, decisions, timeline) is theirs to see.
    /// </summary>
    public bool PartnerView { get; init; }
}
