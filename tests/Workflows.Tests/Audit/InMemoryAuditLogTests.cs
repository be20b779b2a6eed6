using Microsoft.Extensions.Time.Testing;
using Workflows.Audit;

namespace Workflows.Tests.Audit;

public sealed class InMemoryAuditLogTests : AuditLogContract
{
    private readonly InMemoryAuditLog _log = new(new FakeTimeProvider(DateTimeOffset.UnixEpoch), Key);

    protected override IAuditLog Log => _log;

    [Fact]
    public async Task Verify_EditedEntry_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var entries = (await _log.ReadAsync(caseId)).ToList();
        entries[1] = entries[1] with { Reason = "edited" };
        _log.ReplaceForTest(caseId, entries);

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_DeletedEntry_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var entries = (await _log.ReadAsync(caseId)).ToList();
        entries.RemoveAt(2);
        _log.ReplaceForTest(caseId, entries);

        Assert.False((await _log.VerifyAsync(caseId)).IsValid);
    }

    [Fact]
    public async Task Verify_ReorderedEntries_AreDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var entries = (await _log.ReadAsync(caseId)).ToList();
        (entries[0], entries[1]) = (entries[1], entries[0]);
        _log.ReplaceForTest(caseId, entries);

        Assert.False((await _log.VerifyAsync(caseId)).IsValid);
    }

    [Fact]
    public async Task Verify_WholeChainRecomputedAfterAnEdit_IsDetected()
    {
        var caseId = await ThreeEntriesAsync();
        var entries = (await _log.ReadAsync(caseId)).ToList();
        entries[1] = entries[1] with { Reason = "edited" };
        for (var i = 1; i < entries.Count; i++)
        {
            var relinked = entries[i] with { PreviousHash = entries[i - 1].Hash, KeyId = AttackerKey.Id };
            entries[i] = relinked with { Hash = AuditChain.ComputeHash(relinked, AttackerKey) };
        }

        _log.ReplaceForTest(caseId, entries, head: entries[^1]);

        var result = await _log.VerifyAsync(caseId);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_WithAnotherKey_Fails()
    {
        var caseId = await ThreeEntriesAsync();
        var entries = (await _log.ReadAsync(caseId)).ToList();

        var result = AuditChain.Verify(entries, entries.Count, entries[^1].Hash, AttackerKey);

        Assert.False(result.IsValid);
        Assert.Equal(1, result.BrokenAt);
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
