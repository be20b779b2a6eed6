using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Cases;

/// <summary>
/// Cases on Azure Tables (<c>{prefix}Cases</c>): one partition per case; the core record in row
/// <c>case</c> (updated under its ETag), each section in its own row <c>s|{tier}|{name}</c>, each
/// attachment reference in <c>d|{documentId}</c>.
/// </summary>
public sealed class AzureTableCaseStore : ICaseStore, IStoreInitializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly TableClient _table;

    public AzureTableCaseStore(TableServiceClient service, IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _table = service.GetTableClient(options.Value.TableName("Cases"));
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    public async Task<bool> CreateAsync(CaseRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _table.AddEntityAsync(Core(record), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<CaseRecord?> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(caseId), "case", cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? JsonSerializer.Deserialize<CaseRecord>(response.Value!.GetString("Data"), Json) : null;
    }

    public async Task UpdateAsync(string caseId, Func<CaseRecord, CaseRecord> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var entity = (await _table.GetEntityAsync<TableEntity>(TableKeys.Escape(caseId), "case", cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var updated = change(JsonSerializer.Deserialize<CaseRecord>(entity.GetString("Data"), Json)!);
            try
            {
                await _table.UpdateEntityAsync(Core(updated), entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Someone else changed the case: apply the change to the new version.
            }
        }
    }

    public Task AddParticipantsAsync(string caseId, IEnumerable<CaseParticipant> participants, CancellationToken cancellationToken = default)
    {
        var list = participants.ToList();
        return UpdateAsync(caseId, c => c with { Participants = c.Participants.Concat(list).Distinct().ToList() }, cancellationToken);
    }

    public async Task WriteSectionAsync(string caseId, CaseSection section, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        await _table.UpsertEntityAsync(
            new TableEntity(TableKeys.Escape(caseId), $"s|{section.Tier}|{TableKeys.Escape(section.Name)}") { ["Data"] = JsonSerializer.Serialize(section, Json), ["Tier"] = section.Tier.ToString() },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CaseSection>> ReadSectionsAsync(string caseId, CancellationToken cancellationToken = default) =>
        await ReadRowsAsync<CaseSection>(caseId, "s|", cancellationToken).ConfigureAwait(false);

    public async Task AddDocumentAsync(string caseId, DocumentRef document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await _table.UpsertEntityAsync(
            new TableEntity(TableKeys.Escape(caseId), "d|" + TableKeys.Escape(document.DocumentId)) { ["Data"] = JsonSerializer.Serialize(document, Json), ["Tier"] = document.Tier.ToString() },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DocumentRef>> ListDocumentsAsync(string caseId, CancellationToken cancellationToken = default) =>
        await ReadRowsAsync<DocumentRef>(caseId, "d|", cancellationToken).ConfigureAwait(false);

    private async Task<List<T>> ReadRowsAsync<T>(string caseId, string prefix, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(caseId);
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var result = new List<T>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == pk && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(end) < 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(JsonSerializer.Deserialize<T>(e.GetString("Data"), Json)!);
        }

        return result;
    }

    private static TableEntity Core(CaseRecord record) => new(TableKeys.Escape(record.CaseId), "case")
    {
        ["Data"] = JsonSerializer.Serialize(record, Json),
        ["Workflow"] = record.Workflow,
        ["FacilityId"] = record.FacilityId,
        ["Status"] = record.Status,
    };
}
