using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Audit;
using Workflows.Functions.Audit;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>Every audit entry also lands, with its hash, in the write-once audit container.</summary>
public sealed class ImmutableAuditCopyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite, settings: new Dictionary<string, string?> { ["Workflows:Audit:ImmutableContainer"] = "audit-" + Guid.NewGuid().ToString("N")[..8] });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_blob_copy_matches_the_hash_chained_table_entries()
    {
        using var submitter = _app.ClientFor("socialworker.almaty");
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "complaint.json"));
        var response = await submitter.PostAsync("/api/complaints", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
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
        Assert.Equal(table.Select(e => (e.Sequence, e.Hash)), blob.Select(e => (e.Sequence, e.Hash)));
    }
}
