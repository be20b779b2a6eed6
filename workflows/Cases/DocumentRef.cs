namespace Workflows.Cases;

/// <summary>An attachment of a case: its id, tier and content type (the content is in blob storage).</summary>
public sealed record DocumentRef(string DocumentId, DataTier Tier, string ContentType, DateTimeOffset AddedAt, string AddedBy);
