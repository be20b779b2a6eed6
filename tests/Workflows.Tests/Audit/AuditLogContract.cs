using Workflows.Audit;

namespace Workflows.Tests.Audit;

/// <summary>Behaviour every audit log must have.</summary>
public abstract class AuditLogContract
{
    /// <summary>The key the log under test seals with (not the development key, so that tests see the key matter).</summary>
    /// <summary>The secret of <see cref="Key"/>.</summary>
    protected const string Secret = "a-test-audit-chain-key-0123456789abcdef";

    protected static readonly AuditChainKey Key = AuditChainKey.FromSecret(Secret);

    /// <summary>What someone with write access to storage but without the key would seal with.</summary>
    protected static readonly AuditChainKey AttackerKey = AuditChainKey.FromSecret("an-attacker-chosen-key-0123456789abcdef");

    protected abstract IAuditLog Log { get; }

    protected static string NewCase() => "case-" + Guid.NewGuid().ToString("N")[..12];

    protected static AuditRecord Record(string caseId, string action, string? key = null) => new()
    {
        CaseId = caseId,
        ActorId = "coordinator.almaty",
        Role = Roles.ProgrammeCoordinator,
        Action = action,
        Reason = "violent-incident",
        Ids = new Dictionary<string, string> { ["taskId"] = "t-1" },
        IdempotencyKey = key,
    };

    [Fact]
    public async Task Append_ChainsEntries_AndVerifies()
    {
        var caseId = NewCase();
        var first = await Log.AppendAsync(Record(caseId, AuditActions.CaseCreated));
        var second = await Log.AppendAsync(Record(caseId, AuditActions.DecisionRecorded));

        Assert.Equal(AuditChain.Genesis, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.True((await Log.VerifyAsync(caseId)).IsValid);
    }

    [Fact]
    public async Task Append_SealsEntriesWithTheChainKey()
    {
        var caseId = NewCase();
        var entry = await Log.AppendAsync(Record(caseId, AuditActions.CaseCreated));

        Assert.Equal((AuditChain.NamedKeyFormat, Key.Id), (entry.Format, entry.KeyId));
        Assert.Equal(AuditChain.ComputeHash(entry, Key), entry.Hash);
        Assert.False(AuditChain.Verify([entry], 1, entry.Hash, AuditChainKey.Development).IsValid);
        Assert.Equal(0, (await Log.VerifyAsync(caseId)).UnkeyedCount);
    }

    [Fact]
    public async Task Append_SameIdempotencyKey_AppendsOnce()
    {
        var caseId = NewCase();
        var a = await Log.AppendAsync(Record(caseId, AuditActions.TaskCreated, "k1"));
        var b = await Log.AppendAsync(Record(caseId, AuditActions.TaskCreated, "k1"));

        Assert.Equal(a.Hash, b.Hash);
        Assert.Single(await Log.ReadAsync(caseId));
    }

    [Fact]
    public async Task Append_Concurrently_NeverForksTheChain()
    {
        var caseId = NewCase();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Log.AppendAsync(Record(caseId, "Action" + i)))));

        var entries = await Log.ReadAsync(caseId);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.True((await Log.VerifyAsync(caseId)).IsValid);
    }

    [Fact]
    public async Task ReadVerified_ReturnsTheEntriesWithTheVerificationOfThoseEntries()
    {
        var caseId = NewCase();
        await Log.AppendAsync(Record(caseId, AuditActions.CaseCreated));
        await Log.AppendAsync(Record(caseId, AuditActions.DecisionRecorded));

        var trail = await Log.ReadVerifiedAsync(caseId);

        Assert.Equal((await Log.ReadAsync(caseId)).Select(e => e.Hash), trail.Entries.Select(e => e.Hash));
        Assert.Equal((true, 2), (trail.Verification.IsValid, trail.Verification.EntryCount));
    }

    [Fact]
    public async Task Verify_EmptyCase_IsValid()
    {
        Assert.True((await Log.VerifyAsync(NewCase())).IsValid);
    }
}
