using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Cases;

/// <summary>Attachments in Azure Blob Storage: <c>{prefix}-documents/{caseId}/{documentId}</c>, the tier in the blob's metadata.</summary>
public sealed class AzureBlobDocumentStore : IDocumentStore, IStoreInitializer
{
    private readonly BlobContainerClient _container;

    public AzureBlobDocumentStore(BlobServiceClient service, IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _container = service.GetBlobContainerClient(options.Value.ContainerName("documents"));
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task PutAsync(string caseId, string documentId, DataTier tier, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(Name(caseId, documentId));
        await blob.UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { ["tier"] = tier.ToString() },
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredDocument?> GetAsync(string caseId, string documentId, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(Name(caseId, documentId));
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var tier = Enum.Parse<DataTier>(result.Value.Details.Metadata["tier"]);
            return new StoredDocument(documentId, tier, result.Value.Details.ContentType, result.Value.Content.ToMemory());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static string Name(string caseId, string documentId) => $"{Uri.EscapeDataString(caseId)}/{Uri.EscapeDataString(documentId)}";
}
