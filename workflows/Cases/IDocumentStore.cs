namespace Workflows.Cases;

/// <summary>Attachment contents, each tagged with its tier. Read them through the case read service, which checks the tier.</summary>
public interface IDocumentStore
{
    Task PutAsync(string caseId, string documentId, DataTier tier, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    Task<StoredDocument?> GetAsync(string caseId, string documentId, CancellationToken cancellationToken = default);
}
