using Workflows.Audit;

namespace Workflows.Tests.Audit;

/// <summary>The chain's key ring: ids that name keys without revealing them, and the secrets it refuses.</summary>
public sealed class AuditChainKeyTests
{
    private const string First = "the-first-audit-chain-key-0123456789abcdef";
    private const string Second = "the-second-audit-chain-key-0123456789abcdef";

    [Fact]
    public void FromSecret_SameSecret_HasTheSameId()
    {
        Assert.Equal(AuditChainKey.FromSecret(First).Id, AuditChainKey.FromSecret(First).Id);
    }

    [Fact]
    public void FromSecret_OtherSecret_HasAnotherId_ThatDoesNotContainTheSecret()
    {
        var first = AuditChainKey.FromSecret(First);

        Assert.NotEqual(first.Id, AuditChainKey.FromSecret(Second).Id);
        Assert.DoesNotContain(first.Id, First, StringComparison.Ordinal);
        Assert.Equal(16, first.Id.Length);
    }

    [Fact]
    public void FromSecret_WithRetiredKeys_HoldsThemOldestFirst_AndSealsWithTheCurrentOne()
    {
        var ring = AuditChainKey.FromSecret(Second, [First]);

        Assert.Equal([AuditChainKey.FromSecret(First).Id, AuditChainKey.FromSecret(Second).Id], ring.KeyIds);
        Assert.Equal(AuditChainKey.FromSecret(Second).Id, ring.Id);
    }

    [Fact]
    public void FromSecret_CurrentKeyAlsoRetired_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => AuditChainKey.FromSecret(First, [First]));
    }

    [Fact]
    public void FromSecret_ShortRetiredKey_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => AuditChainKey.FromSecret(First, ["short"]));
    }

    [Fact]
    public void FromSecret_WithANextKey_HoldsItAfterTheCurrentOne_AndStillSealsWithTheCurrentOne()
    {
        var ring = AuditChainKey.FromSecret(First, nextSecret: Second);

        Assert.Equal([AuditChainKey.FromSecret(First).Id, AuditChainKey.FromSecret(Second).Id], ring.KeyIds);
        Assert.Equal((AuditChainKey.FromSecret(First).Id, 0), (ring.Id, ring.CurrentIndex));
    }
}
