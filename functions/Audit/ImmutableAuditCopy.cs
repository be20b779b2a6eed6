using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Workflows.Audit;
using Workflows.Functions.Configuration;

namespace Workflows.Functions.Audit;

/// <summary>
/// Keeps a second, write-once copy of every audit entry: after the hash-chained table append, the
/// entry (with its hash) is appended as a JSON line to the append blob <c>{caseId}.jsonl</c> in the
/// audit container, which in Azure has a time-based immutability (WORM) policy allowing protected
/// appends only. The table gives queries and chain verification; the blob copy cannot be altered or
/// deleted even by someone holding the storage keys, so tampering with the table can be proven.
/// </summary>
public sealed class ImmutableAuditCopy(IAuditLog inner, BlobServiceClient blobs, IConfiguration configuration) : IAuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(configuration[HostSettings.AuditImmutableContainer] ?? "audit");
    private volatile bool _created;

    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var entry = await inner.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        if (!_created)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        var blob = _container.GetAppendBlobClient(BlobName(entry.CaseId));
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        using var content = new MemoryStream(line);
        try
        {
            await blob.AppendBlockAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlockCountExceedsLimit)
        {
            // 50 000 entries for one case: continue in a second blob rather than lose the copy.
            var overflow = _container.GetAppendBlobClient($"{BlobName(entry.CaseId)}.{entry.Sequence}");
            await overflow.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            content.Position = 0;
            await overflow.AppendBlockAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return entry;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string caseId, CancellationToken cancellationToken = default) => inner.ReadAsync(caseId, cancellationToken);

    /// <inheritdoc />
    public Task<AuditVerification> VerifyAsync(string caseId, CancellationToken cancellationToken = default) => inner.VerifyAsync(caseId, cancellationToken);

    /// <summary>Reads the immutable copy of a case's audit entries.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadCopyAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetAppendBlobClient(BlobName(caseId));
        if (!await blob.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var text = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<AuditEntry>(l, Json)!)];
    }

    private static string BlobName(string caseId) => $"{caseId}.jsonl";
}
