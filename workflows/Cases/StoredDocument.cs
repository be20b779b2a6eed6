namespace Workflows.Cases;

public sealed record StoredDocument(string DocumentId, DataTier Tier, string ContentType, ReadOnlyMemory<byte> Content);
