using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Cases;

/// <summary>
/// Cases on Azure Tables (<c>{prefix}Cases</c>): one partition per case; the core record in row
/// <c>case</c> (updated under its ETag), the current version of each section in its own row
/// <c>s|{tier}|{name}</c> and each version it superseded in <c>h|{tier}|{name}|{version}</c> (both written in
/// one transaction under the current row's ETag, so no version is ever lost), each attachment reference
/// in <c>d|{documentId}</c>.
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

    public async Task<CaseSection> WriteSectionAsync(string caseId, CaseSection section, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        var pk = TableKeys.Escape(caseId);
        var row = $"s|{section.Tier}|{TableKeys.Escape(section.Name)}";
        while (true)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(pk, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!current.HasValue)
                {
                    var first = section with { Version = 1 };
                    await _table.AddEntityAsync(SectionRow(pk, row, first), cancellationToken).ConfigureAwait(false);
                    return first;
                }

                var stored = ToSection(current.Value!);
                if (SectionVersions.SameData(stored, section))
                {
                    return stored;
                }

                var next = section with { Version = stored.Version + 1 };
                await _table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, SectionRow(pk, row, next), current.Value!.ETag),
                        new TableTransactionAction(TableTransactionActionType.Add, SectionRow(pk, HistoryRow(stored), stored)),
                    ],
                    cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && !current.HasValue)
            {
                // Someone else wrote the first version meanwhile: this write becomes the next one.
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                // Someone else wrote a version meanwhile: supersede theirs instead.
            }
        }
    }

    public async Task<IReadOnlyList<CaseSection>> ReadSectionsAsync(string caseId, CancellationToken cancellationToken = default) =>
        await ReadSectionRowsAsync(caseId, "s|", cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<CaseSection>> ReadSectionHistoryAsync(string caseId, DataTier tier, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var superseded = await ReadSectionRowsAsync(caseId, $"h|{tier}|{TableKeys.Escape(name)}|", cancellationToken).ConfigureAwait(false);
        var current = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(caseId), $"s|{tier}|{TableKeys.Escape(name)}", cancellationToken: cancellationToken).ConfigureAwait(false);

        // The prefix also matches longer names that start with this one and a '|': keep this section's rows only.
        return [.. superseded.Where(s => s.Tier == tier && s.Name == name).Concat(current.HasValue ? [ToSection(current.Value!)] : []).OrderBy(s => s.Version)];
    }

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

    private async Task<List<CaseSection>> ReadSectionRowsAsync(string caseId, string prefix, CancellationToken cancellationToken) =>
        [.. (await ReadRowsAsync<CaseSection>(caseId, prefix, cancellationToken).ConfigureAwait(false)).Select(Versioned)];

    private static CaseSection ToSection(TableEntity entity) => Versioned(JsonSerializer.Deserialize<CaseSection>(entity.GetString("Data"), Json)!);

    // Sections stored before versions existed are their first version.
    private static CaseSection Versioned(CaseSection section) => section.Version > 0 ? section : section with { Version = 1 };

    private static string HistoryRow(CaseSection section) =>
        $"h|{section.Tier}|{TableKeys.Escape(section.Name)}|{section.Version.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)}";

    private static TableEntity SectionRow(string pk, string row, CaseSection section) => new(pk, row)
    {
        ["Data"] = JsonSerializer.Serialize(section, Json),
        ["Tier"] = section.Tier.ToString(),
        ["Version"] = section.Version,
    };

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
