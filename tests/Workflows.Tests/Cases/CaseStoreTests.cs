using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Workflows.Cases;
using Workflows.Storage;
using Workflows.Testing.Azurite;

namespace Workflows.Tests.Cases;

public sealed class CaseStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowStorageOptions _options = new() { UseInMemory = false, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10], ContainerPrefix = "c" + Guid.NewGuid().ToString("N")[..10] };
    private AzureTableCaseStore _cases = null!;
    private AzureBlobDocumentStore _documents = null!;

    public async ValueTask InitializeAsync()
    {
        _cases = new AzureTableCaseStore(new TableServiceClient(azurite.ConnectionString), Options.Create(_options));
        _documents = new AzureBlobDocumentStore(new BlobServiceClient(azurite.ConnectionString), Options.Create(_options));
        await _cases.InitializeAsync();
        await _documents.InitializeAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Case_SectionsParticipantsAndDocuments_RoundTrip()
    {
        var record = new CaseRecord { CaseId = "case-" + Guid.NewGuid().ToString("N")[..8], Reference = "REF-1", Workflow = "referral", FacilityId = "almaty", RequesterId = "referrer.almaty" };
        Assert.True(await _cases.CreateAsync(record));
        Assert.False(await _cases.CreateAsync(record));

        await _cases.AddParticipantsAsync(record.CaseId, [new CaseParticipant("coordinator.almaty", Roles.ProgrammeCoordinator)]);
        await _cases.WriteSectionAsync(record.CaseId, new CaseSection { Tier = DataTier.Intelligence, Name = "report", Data = JsonSerializer.SerializeToElement(new { source = "x" }) });
        await _cases.AddDocumentAsync(record.CaseId, new DocumentRef("doc-1", DataTier.Health, "application/pdf", DateTimeOffset.UnixEpoch, "medical.almaty"));
        await _documents.PutAsync(record.CaseId, "doc-1", DataTier.Health, "application/pdf", new byte[] { 1, 2, 3 });

        var read = await _cases.GetAsync(record.CaseId);
        Assert.Contains(read!.Participants, p => p.PersonId == "coordinator.almaty");
        Assert.Equal(DataTier.Intelligence, Assert.Single(await _cases.ReadSectionsAsync(record.CaseId)).Tier);
        Assert.Equal("doc-1", Assert.Single(await _cases.ListDocumentsAsync(record.CaseId)).DocumentId);
        var doc = await _documents.GetAsync(record.CaseId, "doc-1");
        Assert.Equal(DataTier.Health, doc!.Tier);
        Assert.Equal([1, 2, 3], doc.Content.ToArray());
        Assert.Null(await _documents.GetAsync(record.CaseId, "missing"));
    }

    [Fact]
    public async Task Update_Concurrently_KeepsEveryChange()
    {
        var record = new CaseRecord { CaseId = "case-" + Guid.NewGuid().ToString("N")[..8], Reference = "REF-2", Workflow = "referral", FacilityId = "almaty", RequesterId = "referrer.almaty" };
        await _cases.CreateAsync(record);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _cases.AddParticipantsAsync(record.CaseId, [new CaseParticipant($"p{i}", "x")])));

        Assert.Equal(8, (await _cases.GetAsync(record.CaseId))!.Participants.Count);
    }
}
