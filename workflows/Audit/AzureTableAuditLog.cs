using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Audit;

/// <summary>
/// The audit log on Azure Tables: one partition per case; entries <c>e{sequence}</c>, a <c>head</c> row
/// with the last sequence and hash, and <c>k{hash}</c> rows for idempotency keys. An append is one
/// entity-group transaction guarded by the head's ETag, so two writers can never fork the chain: the
/// loser retries on the new head. Entries are sealed with the <see cref="AuditChainKey"/> (the
/// development key when none is given: the host always gives one); an entry stored without a
/// <c>Format</c> is an unkeyed one from before the key.
/// </summary>
public sealed class AzureTableAuditLog : IAuditLog, IStoreInitializer
{
    private const string HeadRow = "head";
    private readonly TableClient _table;
    private readonly TimeProvider _time;
    private readonly AuditChainKey _key;

    public AzureTableAuditLog(TableServiceClient service, IOptions<WorkflowStorageOptions> options, TimeProvider time, AuditChainKey? key = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _table = service.GetTableClient(options.Value.TableName("Audit"));
        _time = time;
        _key = key ?? AuditChainKey.Development;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pk = TableKeys.Escape(record.CaseId);
        var keyRow = record.IdempotencyKey is { } key ? "k" + AuditChain.KeyHash(key) : null;
        for (var attempt = 0; ; attempt++)
        {
            if (keyRow is not null)
            {
                var existing = await _table.GetEntityIfExistsAsync<TableEntity>(pk, keyRow, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (existing.HasValue && existing.Value!.GetInt64("Sequence") is { } seq)
                {
                    var stored = await _table.GetEntityAsync<TableEntity>(pk, EntryRow(seq), cancellationToken: cancellationToken).ConfigureAwait(false);
                    return ToEntry(stored.Value);
                }
            }

            var head = await _table.GetEntityIfExistsAsync<TableEntity>(pk, HeadRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var last = head.HasValue ? head.Value!.GetInt64("Sequence") ?? 0 : 0;
            var previous = head.HasValue ? head.Value!.GetString("Hash") : AuditChain.Genesis;
            var previousKeyId = head.HasValue ? head.Value!.GetString("KeyId") : null;
            var entry = AuditChain.Seal(record, last + 1, _time.GetUtcNow(), previous, _key, previousKeyId);
            var newHead = new TableEntity(pk, HeadRow) { ["Sequence"] = entry.Sequence, ["Hash"] = entry.Hash, ["KeyId"] = entry.KeyId };
            var batch = new List<TableTransactionAction>
            {
                head.HasValue
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.Value!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, newHead),
                new(TableTransactionActionType.Add, ToEntity(pk, entry)),
            };
            if (keyRow is not null)
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(pk, keyRow) { ["Sequence"] = entry.Sequence }));
            }

            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                return entry;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
            {
                // Another writer appended first: read the new head and try again.
            }
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var (entries, _) = await ReadAllAsync(caseId, cancellationToken).ConfigureAwait(false);
        return entries;
    }

    public async Task<AuditVerification> VerifyAsync(string caseId, CancellationToken cancellationToken = default) =>
        (await ReadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false)).Verification;

    public async Task<AuditTrail> ReadVerifiedAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var (entries, head) = await ReadAllAsync(caseId, cancellationToken).ConfigureAwait(false);
        return new AuditTrail(entries, AuditChain.Verify(entries, head?.GetInt64("Sequence"), head?.GetString("Hash"), _key));
    }

    private async Task<(List<AuditEntry> Entries, TableEntity? Head)> ReadAllAsync(string caseId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(caseId);
        var entries = new List<AuditEntry>();
        TableEntity? head = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == HeadRow)
            {
                head = entity;
            }
            else if (entity.RowKey.StartsWith('e'))
            {
                entries.Add(ToEntry(entity));
            }
        }

        return (entries, head);
    }

    private static string EntryRow(long sequence) => "e" + sequence.ToString("D12", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string pk, AuditEntry entry) => new(pk, EntryRow(entry.Sequence))
    {
        ["CaseId"] = entry.CaseId,
        ["Sequence"] = entry.Sequence,
        ["At"] = entry.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        ["ActorId"] = entry.ActorId,
        ["Role"] = entry.Role,
        ["OnBehalfOf"] = entry.OnBehalfOf,
        ["Action"] = entry.Action,
        ["Reason"] = entry.Reason,
        ["Ids"] = JsonSerializer.Serialize(entry.Ids),
        ["Amends"] = entry.Amends,
        ["PreviousHash"] = entry.PreviousHash,
        ["Hash"] = entry.Hash,
        ["Format"] = entry.Format,
        ["KeyId"] = entry.KeyId,
    };

    private static AuditEntry ToEntry(TableEntity e) => new()
    {
        CaseId = e.GetString("CaseId"),
        Sequence = e.GetInt64("Sequence") ?? 0,
        At = DateTimeOffset.Parse(e.GetString("At"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        ActorId = e.GetString("ActorId"),
        Role = e.GetString("Role"),
        OnBehalfOf = e.GetString("OnBehalfOf"),
        Action = e.GetString("Action"),
        Reason = e.GetString("Reason"),
        Ids = JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("Ids") ?? "{}") ?? [],
        Amends = e.GetInt64("Amends"),
        PreviousHash = e.GetString("PreviousHash"),
        Hash = e.GetString("Hash"),
        Format = e.GetInt32("Format") ?? AuditChain.UnkeyedFormat,
        KeyId = e.GetString("KeyId"),
    };
}
