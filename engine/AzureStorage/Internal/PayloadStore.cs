using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Keeps values too large for a table property or a queue message in gzip-compressed blobs. Blobs of
/// an instance are named <c>{instanceId}/...</c> so that purge can find them by prefix.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container)
{
    /// <summary>Longest string kept inline in a table property (a property holds 64 KiB, i.e. 32K UTF-16 characters).</summary>
    public const int MaxInlineChars = 16 * 1024;

    public static string InstanceBlobName(string instanceId, string kind) => $"{instanceId}/{kind}-{Guid.NewGuid():N}.json.gz";

    public async Task StoreAsync(string blobName, string value, CancellationToken cancellationToken)
    {
        var data = BinaryData.FromBytes(Compression.Compress(value));
        await container.GetBlobClient(blobName).UploadAsync(data, overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> LoadAsync(string blobName, CancellationToken cancellationToken)
    {
        var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return Compression.DecompressText(content.Value.Content.ToMemory().Span);
    }

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Best effort: an orphaned blob is removed when its instance is purged.
        }
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
