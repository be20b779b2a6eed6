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
/// deleted even by someone holding the storage keys, so tampering with the table can be proven:
/// <see cref="VerifyAsync"/> checks the keyed chain and then the table against this copy, which also
/// catches the last entries removed together with the head, and a chain resealed by someone who holds
/// the chain key.
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
    public async Task<AuditVerification> VerifyAsync(string caseId, CancellationToken cancellationToken = default) =>
        (await ReadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false)).Verification;

    /// <inheritdoc />
    public async Task<AuditTrail> ReadVerifiedAsync(string caseId, CancellationToken cancellationToken = default)
    {
        // The copy first: entries reach the table before the copy, so the copy read now is never ahead of the table read next.
        IReadOnlyList<AuditEntry>? copy;
        try
        {
            copy = await ReadCopyAsync(caseId, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            copy = null;
        }

        // One read of the table: the entries shown are exactly the entries verified.
        var trail = await inner.ReadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (copy is null)
        {
            // Protected appends are allowed, so someone with storage access can add a line, never change one.
            return trail with { Verification = new AuditVerification(false, 0, null, "the write-once copy holds a line that is not an audit entry (the copy was appended to)") };
        }

        return trail.Verification.IsValid ? trail with { Verification = AuditCopyComparison.Compare(copy, trail.Entries, trail.Verification) } : trail;
    }

    /// <summary>Reads the immutable copy of a case's audit entries, in the order they were copied (with any overflow blobs).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadCopyAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var name = BlobName(caseId);
        var entries = new List<AuditEntry>();
        try
        {
            // "{caseId}.jsonl", then its overflow blobs "{caseId}.jsonl.{first sequence}" in sequence order.
            var blobs = new SortedDictionary<long, string>();
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = name }, cancellationToken).ConfigureAwait(false))
            {
                if (item.Name.Length == name.Length)
                {
                    blobs[0] = item.Name;
                }
                else if (item.Name[name.Length] == '.' && long.TryParse(item.Name.AsSpan(name.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var from))
                {
                    blobs[from] = item.Name;
                }
            }

            foreach (var blobName in blobs.Values)
            {
                var text = (await _container.GetAppendBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
                entries.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<AuditEntry>(l, Json)!));
            }
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return [];
        }

        return entries;
    }

    private static string BlobName(string caseId) => $"{caseId}.jsonl";
}
