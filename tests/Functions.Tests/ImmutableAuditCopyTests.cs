using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Functions.Audit;
using Workflows.Storage;
using Workflows.Testing.Azurite;
using Workflows.Tests.Audit;

namespace Workflows.Functions.Tests;

/// <summary>Every audit entry also lands, with its hash, in the write-once audit container, and verification checks the table against it.</summary>
public sealed class ImmutableAuditCopyTests : IAsyncLifetime
{
    private static readonly AuditChainKey Key = AuditChainKey.FromSecret("a-test-audit-chain-key-0123456789abcdef");
    private readonly WorkflowsAppFactory _app;
    private readonly AzureTableAuditLog _table;
    private readonly TableClient _rows;
    private readonly ImmutableAuditCopy _copy;
    private readonly BlobContainerClient _container;
    private readonly Func<AuditChainKey, ImmutableAuditCopy> _copyWith;

    public ImmutableAuditCopyTests(AzuriteFixture azurite)
    {
        _app = new(azurite, settings: new Dictionary<string, string?> { ["Workflows:Audit:ImmutableContainer"] = "audit-" + Guid.NewGuid().ToString("N")[..8] });
        var tables = new TableServiceClient(azurite.ConnectionString);
        var storage = new WorkflowStorageOptions { UseInMemory = false, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10] };
        _table = new AzureTableAuditLog(tables, Options.Create(storage), TimeProvider.System, Key);
        _rows = tables.GetTableClient(storage.TableName("Audit"));
        var container = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:Audit:ImmutableContainer"] = container }).Build();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        _copy = new ImmutableAuditCopy(_table, blobs, configuration);
        _container = blobs.GetBlobContainerClient(container);
        _copyWith = key => new ImmutableAuditCopy(new AzureTableAuditLog(tables, Options.Create(storage), TimeProvider.System, key), blobs, configuration);
    }

    public async ValueTask InitializeAsync() => await _table.InitializeAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_blob_copy_matches_the_hash_chained_table_entries()
    {
        using var submitter = _app.ClientFor("socialworker.almaty");
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "complaint.json"));
        var response = await submitter.PostAsync("/api/complaints", new StringContent(body, Encoding.UTF8, "application/json"));
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var audit = _app.Services.GetRequiredService<IAuditLog>();
        var copy = _app.Services.GetRequiredService<ImmutableAuditCopy>();

        // The workflow keeps writing: compare once both stores hold the same number of entries.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        IReadOnlyList<AuditEntry> table, blob;
        do
        {
            table = await audit.ReadAsync(caseId, timeout.Token);
            blob = await copy.ReadCopyAsync(caseId, timeout.Token);
        }
        while (table.Count != blob.Count && await Task.Delay(50, timeout.Token).ContinueWith(_ => true, TaskScheduler.Default));

        Assert.NotEmpty(table);
        Assert.Equal(table.Select(e => (e.Sequence, e.Hash, e.KeyId)), blob.Select(e => (e.Sequence, e.Hash, e.KeyId)));
        Assert.All(table, e => Assert.Equal(AuditChain.NamedKeyFormat, e.Format));
    }

    [Fact]
    public async Task An_intact_log_verifies_against_its_copy()
    {
        var caseId = await ThreeEntriesAsync();

        var result = await _copy.VerifyAsync(caseId);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(3, result.EntryCount);
    }

    [Fact]
    public async Task A_chain_resealed_with_the_real_key_after_an_edit_is_caught_by_the_copy()
    {
        var caseId = await ThreeEntriesAsync();

        // The worst case: the key leaked. The table alone is fooled; the write-once copy is not.
        await AuditChainRewrite.RewriteAsync(_table, _rows, caseId, from: 2, e => e.Sequence == 2 ? e with { Reason = "nothing happened" } : e, Key);
        Assert.True((await _table.VerifyAsync(caseId)).IsValid);

        var result = await _copy.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Entries_since_a_rotation_resealed_with_the_leaked_retired_key_are_caught_by_the_copy()
    {
        var caseId = await ThreeEntriesAsync();
        var rotated = _copyWith(AuditChainKey.FromSecret("the-rotated-audit-chain-key-0123456789abcdef", ["a-test-audit-chain-key-0123456789abcdef"]));
        await rotated.AppendAsync(new AuditRecord { CaseId = caseId, ActorId = "coordinator.almaty", Action = "D" });
        Assert.True((await rotated.VerifyAsync(caseId)).IsValid);

        await AuditChainRewrite.RewriteAsync(_table, _rows, caseId, from: 4, e => e with { Reason = "nothing happened" }, Key);

        var result = await rotated.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.BrokenAt);
    }

    [Fact]
    public async Task The_audit_trail_shows_the_table_as_it_is_with_the_copys_verdict()
    {
        var caseId = await ThreeEntriesAsync();
        await AuditChainRewrite.RewriteAsync(_table, _rows, caseId, from: 2, e => e.Sequence == 2 ? e with { Reason = "nothing happened" } : e, Key);

        var trail = await _copy.ReadVerifiedAsync(caseId);

        Assert.Equal("nothing happened", trail.Entries[1].Reason);
        Assert.Equal((false, 2L), (trail.Verification.IsValid, trail.Verification.BrokenAt));
    }

    [Fact]
    public async Task The_last_entry_removed_with_the_head_is_caught_by_the_copy()
    {
        var caseId = await ThreeEntriesAsync();
        var second = (await _table.ReadAsync(caseId))[1];
        await _rows.DeleteEntityAsync(caseId, "e000000000003");
        var head = (await _rows.GetEntityAsync<TableEntity>(caseId, "head")).Value;
        head["Sequence"] = 2L;
        head["Hash"] = second.Hash;
        await _rows.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace);
        Assert.True((await _table.VerifyAsync(caseId)).IsValid);

        var result = await _copy.VerifyAsync(caseId);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.BrokenAt);
    }

    [Fact]
    public async Task A_chain_rewritten_as_unkeyed_is_caught_by_the_copy()
    {
        var caseId = await ThreeEntriesAsync();
        await AuditChainRewrite.RewriteAsync(_table, _rows, caseId, from: 1, e => e with { Format = AuditChain.UnkeyedFormat, Reason = e.Sequence == 2 ? "nothing happened" : e.Reason }, Key);

        var result = await _copy.VerifyAsync(caseId);

        Assert.False(result.IsValid);
        Assert.Equal(1, result.BrokenAt);
    }

    [Fact]
    public async Task A_line_appended_to_the_copy_that_is_not_an_entry_fails_verification()
    {
        var caseId = await ThreeEntriesAsync();
        using var junk = new MemoryStream("not an entry\n"u8.ToArray());
        await _container.GetAppendBlobClient(caseId + ".jsonl").AppendBlockAsync(junk);

        var result = await _copy.VerifyAsync(caseId);

        Assert.False(result.IsValid);
        Assert.Contains("write-once copy", result.Problem, StringComparison.Ordinal);
    }

    private async Task<string> ThreeEntriesAsync()
    {
        var caseId = "case-" + Guid.NewGuid().ToString("N")[..12];
        foreach (var action in new[] { "A", "B", "C" })
        {
            await _copy.AppendAsync(new AuditRecord { CaseId = caseId, ActorId = "coordinator.almaty", Action = action, Reason = "violent-incident" });
        }

        return caseId;
    }
}
