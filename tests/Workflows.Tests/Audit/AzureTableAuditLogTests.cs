using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Storage;
using Workflows.Testing.Azurite;

namespace Workflows.Tests.Audit;

public sealed class AzureTableAuditLogTests : AuditLogContract, IAsyncLifetime
{
    private readonly AzureTableAuditLog _log;
    private readonly TableClient _table;

    private readonly TableServiceClient _service;
    private readonly WorkflowStorageOptions _options;

    public AzureTableAuditLogTests(AzuriteFixture azurite)
    {
        _service = new TableServiceClient(azurite.ConnectionString);
        _options = new WorkflowStorageOptions { UseInMemory = false, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10] };
        _log = LogWith(Key);
        _table = _service.GetTableClient(_options.TableName("Audit"));
    }

    protected override IAuditLog Log => _log;

    public async ValueTask InitializeAsync() => await _log.InitializeAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Verify_EditedEntry_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var entity = (await _table.GetEntityAsync<TableEntity>(caseId, "e000000000002")).Value;
        entity["Reason"] = "nothing happened";
        await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_DeletedEntry_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        await _table.DeleteEntityAsync(caseId, "e000000000002");

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_DeletedLastEntry_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        await _table.DeleteEntityAsync(caseId, "e000000000003");

        Assert.False((await _log.VerifyAsync(caseId)).IsValid);
    }

    [Fact]
    public async Task Verify_ReorderedEntries_AreDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var first = (await _table.GetEntityAsync<TableEntity>(caseId, "e000000000001")).Value;
        var second = (await _table.GetEntityAsync<TableEntity>(caseId, "e000000000002")).Value;
        var swappedFirst = new TableEntity(second) { RowKey = first.RowKey };
        var swappedSecond = new TableEntity(first) { RowKey = second.RowKey };
        await _table.UpsertEntityAsync(swappedFirst, TableUpdateMode.Replace);
        await _table.UpsertEntityAsync(swappedSecond, TableUpdateMode.Replace);

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(1, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_WholeChainRecomputedAfterAnEdit_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();

        // Edit entry 2, then reseal it and every later entry and move the head, as someone with write
        // access to the table would; without the chain key they can only seal with a key of their own.
        await AuditChainRewrite.RewriteAsync(_log, _table, caseId, from: 2, e => e.Sequence == 2 ? e with { Reason = "nothing happened" } : e, AttackerKey);

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_EntryRecomputedAsUnkeyedAfterKeyedOnes_IsDetectedAsADowngrade()
    {
        var caseId = await ThreeEntriesAsync();

        await AuditChainRewrite.RewriteAsync(_log, _table, caseId, from: 2, e => e with { Format = AuditChain.UnkeyedFormat, Reason = e.Sequence == 2 ? "nothing happened" : e.Reason }, Key);

        await AssertBrokenAsync(_log, caseId, 2, "downgraded");
    }

    [Fact]
    public async Task Verify_WholeChainRewrittenAsUnkeyed_ReportsNoEntryAsKeyed()
    {
        var caseId = await ThreeEntriesAsync();

        await AuditChainRewrite.RewriteAsync(_log, _table, caseId, from: 1, e => e with { Format = AuditChain.UnkeyedFormat }, Key);

        // The table alone cannot tell this from a log written before the key: it says so, and the
        // write-once copy (ImmutableAuditCopy) is what rejects it.
        Assert.Equal(3, (await _log.VerifyAsync(caseId)).UnkeyedCount);
    }

    [Fact]
    public async Task Verify_UnkeyedEntriesFromBeforeTheKey_StillVerify_AndKeyedOnesFollow()
    {
        var caseId = NewCase();
        await _log.AppendAsync(Record(caseId, "A"));
        await _log.AppendAsync(Record(caseId, "B"));

        // Rows as the log stored them before the chain was keyed: plain SHA-256 and no Format column.
        await AuditChainRewrite.RewriteAsync(_log, _table, caseId, from: 1, e => e with { Format = AuditChain.UnkeyedFormat }, Key);
        foreach (var row in new[] { "e000000000001", "e000000000002" })
        {
            var entity = (await _table.GetEntityAsync<TableEntity>(caseId, row)).Value;
            entity.Remove("Format");
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
        }

        var third = await _log.AppendAsync(Record(caseId, "C"));

        var result = await _log.VerifyAsync(caseId);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(3, result.EntryCount);
        Assert.Equal(2, result.UnkeyedCount);
        Assert.Equal(AuditChain.NamedKeyFormat, third.Format);
    }

    [Fact]
    public async Task Verify_AfterARotation_EntriesSealedWithTheRetiredKeyStillVerify()
    {
        var caseId = await ThreeEntriesAsync();
        var rotated = LogWith(AuditChainKey.FromSecret(NewSecret, [Secret]));

        var fourth = await rotated.AppendAsync(Record(caseId, "D"));

        var result = await rotated.VerifyAsync(caseId);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(4, result.EntryCount);
        Assert.Equal(AuditChainKey.FromSecret(NewSecret).Id, fourth.KeyId);
        Assert.All((await rotated.ReadAsync(caseId)).Take(3), e => Assert.Equal(Key.Id, e.KeyId));
    }

    [Fact]
    public async Task Verify_RetiredKeyLeftOutOfTheSettings_NamesTheKeyItLacks()
    {
        var caseId = await ThreeEntriesAsync();
        await LogWith(AuditChainKey.FromSecret(NewSecret, [Secret])).AppendAsync(Record(caseId, "D"));

        var result = await LogWith(AuditChainKey.FromSecret(NewSecret)).VerifyAsync(caseId);

        Assert.False(result.IsValid);
        Assert.Equal(1, result.BrokenAt);
        Assert.Contains(Key.Id, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LastEntryResealedWithALeakedRetiredKeyAfterOnesSealedWithTheCurrentKey_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var rotated = LogWith(AuditChainKey.FromSecret(NewSecret, [Secret]));
        await rotated.AppendAsync(Record(caseId, "D"));
        await rotated.AppendAsync(Record(caseId, "E"));

        await AuditChainRewrite.RewriteAsync(rotated, _table, caseId, from: 5, e => e with { Reason = "nothing happened" }, Key);

        await AssertBrokenAsync(rotated, caseId, 5, "went back to an old key");
    }

    [Fact]
    public async Task Verify_EveryEntrySinceTheRotationResealedWithALeakedRetiredKey_CountsThemAsSealedWithARetiredKey()
    {
        var caseId = await ThreeEntriesAsync();
        var rotated = LogWith(AuditChainKey.FromSecret(NewSecret, [Secret]));
        await rotated.AppendAsync(Record(caseId, "D"));
        Assert.Equal(3, (await rotated.VerifyAsync(caseId)).RetiredKeyCount);

        await AuditChainRewrite.RewriteAsync(rotated, _table, caseId, from: 4, e => e with { Reason = "nothing happened" }, Key);

        // The table alone cannot tell this from a chain not written to since the rotation: it says how many
        // entries rest on retired keys, and the write-once copy (ImmutableAuditCopy) is what rejects it.
        Assert.Equal(4, (await rotated.VerifyAsync(caseId)).RetiredKeyCount);
    }

    [Fact]
    public async Task Verify_EntriesSealedBeforeKeysHadIds_VerifyUnderTheRetiredKey()
    {
        var caseId = NewCase();
        await _log.AppendAsync(Record(caseId, "A"));
        await _log.AppendAsync(Record(caseId, "B"));
        await AuditChainRewrite.RewriteAsync(_log, _table, caseId, from: 1, e => e with { Format = AuditChain.KeyedFormat }, Key);
        var rotated = LogWith(AuditChainKey.FromSecret(NewSecret, [Secret]));

        await rotated.AppendAsync(Record(caseId, "C"));

        var result = await rotated.VerifyAsync(caseId);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal((3, 0), (result.EntryCount, result.UnkeyedCount));
    }

    [Fact]
    public async Task Verify_EntryWithoutAKeyIdAfterEntriesWithOne_IsDetectedAsADowngrade()
    {
        var caseId = await ThreeEntriesAsync();

        await AuditChainRewrite.RewriteAsync(_log, _table, caseId, from: 3, e => e with { Format = AuditChain.KeyedFormat }, Key);

        await AssertBrokenAsync(_log, caseId, 3, "downgraded");
    }

    [Fact]
    public async Task Append_WhileTheNextKeyIsStaged_SealsWithTheCurrentKey()
    {
        var staged = LogWith(AuditChainKey.FromSecret(Secret, nextSecret: NewSecret));

        var entry = await staged.AppendAsync(Record(NewCase(), "A"));

        Assert.Equal(Key.Id, entry.KeyId);
    }

    [Fact]
    public async Task Append_DuringTheSwitch_AHostStillOnTheOldKeyFollowsACaseThatMovedToTheNewOne()
    {
        var caseId = NewCase();
        var before = LogWith(AuditChainKey.FromSecret(Secret, nextSecret: NewSecret));
        var after = LogWith(AuditChainKey.FromSecret(NewSecret, [Secret]));
        await before.AppendAsync(Record(caseId, "A"));
        await after.AppendAsync(Record(caseId, "B"));

        var third = await before.AppendAsync(Record(caseId, "C"));

        Assert.Equal(AuditChainKey.FromSecret(NewSecret).Id, third.KeyId);
        var result = await after.VerifyAsync(caseId);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(1, result.RetiredKeyCount);
        Assert.True((await before.VerifyAsync(caseId)).IsValid);
    }

    private const string NewSecret = "the-rotated-audit-chain-key-0123456789abcdef";

    private AzureTableAuditLog LogWith(AuditChainKey key) => new(_service, Options.Create(_options), TimeProvider.System, key);

    /// <summary>Verification fails at <paramref name="at"/>, saying <paramref name="problem"/>.</summary>
    private static async Task AssertBrokenAsync(AzureTableAuditLog log, string caseId, long at, string problem)
    {
        var result = await log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(at, result.BrokenAt);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
    }

    private async Task<string> ThreeEntriesAsync()
    {
        var caseId = NewCase();
        await _log.AppendAsync(Record(caseId, "A"));
        await _log.AppendAsync(Record(caseId, "B"));
        await _log.AppendAsync(Record(caseId, "C"));
        return caseId;
    }
}
