using Azure.Data.Tables;
using Workflows.Audit;

namespace Workflows.Tests.Audit;

/// <summary>
/// The attack a keyed chain must survive: someone with write access to the audit table changes entries from
/// <c>from</c> on and reseals every later hash and the head with a key. Shared by the table
/// log's tests and the write-once copy's tests (linked into tests/Functions.Tests).
/// </summary>
internal static class AuditChainRewrite
{
    public static async Task RewriteAsync(IAuditLog log, TableClient table, string caseId, long from, Func<AuditEntry, AuditEntry> change, AuditChainKey key)
    {
        var entries = await log.ReadAsync(caseId);
        var previous = from == 1 ? AuditChain.Genesis : entries[(int)from - 2].Hash;
        foreach (var original in entries.Where(e => e.Sequence >= from))
        {
            var changed = change(original) with { PreviousHash = previous };
            // Resealed under the rewriter's key, named by its id (an entry can only name a key the sealer holds).
            changed = changed with { KeyId = changed.Format == AuditChain.NamedKeyFormat ? key.Id : null };
            changed = changed with { Hash = AuditChain.ComputeHash(changed, key) };
            var entity = (await table.GetEntityAsync<TableEntity>(caseId, $"e{changed.Sequence:D12}")).Value;
            entity["Reason"] = changed.Reason;
            entity["PreviousHash"] = changed.PreviousHash;
            entity["Hash"] = changed.Hash;
            entity["Format"] = changed.Format;
            entity["KeyId"] = changed.KeyId;
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
            previous = changed.Hash;
        }

        var head = (await table.GetEntityAsync<TableEntity>(caseId, "head")).Value;
        head["Hash"] = previous;
        await table.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace);
    }
}
