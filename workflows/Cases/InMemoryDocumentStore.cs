namespace Workflows.Cases;

public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Dictionary<(string, string), StoredDocument> _documents = [];
    private readonly Lock _gate = new();

    public Task PutAsync(string caseId, string documentId, DataTier tier, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _documents[(caseId, documentId)] = new StoredDocument(documentId, tier, contentType, content.ToArray());
        }

        return Task.CompletedTask;
    }

    public Task<StoredDocument?> GetAsync(string caseId, string documentId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_documents.GetValueOrDefault((caseId, documentId)));
        }
    }
}
