using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workflows.Functions.Notifications.Delivery;
using Workflows.Storage;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>The exactly-once bookkeeping on Azure Tables (Azurite).</summary>
public sealed class DeliveryStoreTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_sent_key_is_never_claimed_again()
    {
        var store = await CreateAsync();
        var claim = (await store.TryClaimAsync("k|Email", Lease)).Claim!;
        await store.CompleteAsync(claim, DeliveryState.Sent, null);

        var again = await store.TryClaimAsync("k|Email", Lease);

        Assert.True(again.Done);
        Assert.Equal((DeliveryState.Sent, 1), ((await store.GetAsync("k|Email"))!.State, (await store.GetAsync("k|Email"))!.Attempts));
    }

    [Fact]
    public async Task A_key_held_by_another_delivery_is_busy_until_its_lease_ends()
    {
        var store = await CreateAsync();
        await store.TryClaimAsync("k|Email", Lease);

        var busy = await store.TryClaimAsync("k|Email", Lease);
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var takenOver = await store.TryClaimAsync("k|Email", Lease);

        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromSeconds(1), busy.BusyUntil);
        Assert.Equal(2, takenOver.Claim!.Attempt);
    }

    [Fact]
    public async Task A_failed_attempt_is_claimed_again_with_the_next_attempt_number()
    {
        var store = await CreateAsync();
        var first = (await store.TryClaimAsync("k|Email", Lease)).Claim!;
        await store.CompleteAsync(first, DeliveryState.Failed, "Graph503");

        var second = (await store.TryClaimAsync("k|Email", Lease)).Claim!;

        Assert.Equal(2, second.Attempt);
    }

    [Fact]
    public async Task A_late_failure_report_does_not_overwrite_a_takeover()
    {
        var store = await CreateAsync();
        var stale = (await store.TryClaimAsync("k|Email", Lease)).Claim!;
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = (await store.TryClaimAsync("k|Email", Lease)).Claim!;
        await store.CompleteAsync(current, DeliveryState.Sent, null);

        await store.CompleteAsync(stale, DeliveryState.Failed, "Timeout");

        Assert.Equal(DeliveryState.Sent, (await store.GetAsync("k|Email"))!.State);
    }

    [Fact]
    public async Task Concurrent_claims_give_the_key_to_one_delivery()
    {
        var store = await CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.TryClaimAsync("k|Teams", Lease)));

        Assert.Single(results, r => r.Claim is not null);
    }

    private async Task<AzureTableNotificationDeliveryStore> CreateAsync()
    {
        var store = new AzureTableNotificationDeliveryStore(
            new TableServiceClient(azurite.ConnectionString),
            Options.Create(new WorkflowStorageOptions { UseInMemory = false, TablePrefix = "d" + Guid.NewGuid().ToString("N")[..10] }),
            _clock);
        await store.InitializeAsync();
        return store;
    }
}
