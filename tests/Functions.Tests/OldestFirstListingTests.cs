using System.Text.Json;
using Workflows.Engine;
using Workflows.Engine.Backend;
using Workflows.Engine.Client;
using Workflows.Engine.Hosting;
using Workflows.Engine.Serialization;
using Workflows.Functions.Pages.Admin;

namespace Workflows.Functions.Tests;

/// <summary>
/// The instance list oldest first: the engine lists newest first, so a filter matching few enough instances is
/// read at once and reversed, paged by offset; one matching more is refused after an exact count, before any listing.
/// </summary>
public sealed class OldestFirstListingTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListAsync_FewMatches_ListsThemOldestFirstAPageAtATime()
    {
        var listing = new OldestFirstListing(Client(new ListingBackend(5))) { Limit = 10 };
        var query = new InstanceQuery { Name = "Referral" };

        var first = await listing.ListAsync(query, 2, null, TestContext.Current.CancellationToken);
        var second = await listing.ListAsync(query, 2, first.NextToken, TestContext.Current.CancellationToken);
        var last = await listing.ListAsync(query, 2, second.NextToken, TestContext.Current.CancellationToken);

        Assert.Equal(["i1", "i2"], first.Instances!.Select(i => i.InstanceId));
        Assert.Equal(["i3", "i4"], second.Instances!.Select(i => i.InstanceId));
        Assert.Equal(["i5"], last.Instances!.Select(i => i.InstanceId));
        Assert.Null(last.NextToken);
    }

    [Fact]
    public async Task ListAsync_MoreMatchesThanTheLimit_ListsNothingAndSaysHowManyMatch()
    {
        var backend = new ListingBackend(5);
        var listing = new OldestFirstListing(Client(backend)) { Limit = 3 };

        var page = await listing.ListAsync(new InstanceQuery(), 2, null, TestContext.Current.CancellationToken);

        Assert.Equal((null, null, 5L), (page.Instances, page.NextToken, page.Matching));
        Assert.Equal(0, backend.Listings);
    }

    [Fact]
    public async Task ListAsync_InstancesStartedSinceTheCountPassTheLimit_ListsNothing()
    {
        var backend = new ListingBackend(5) { CountShort = 3 };
        var listing = new OldestFirstListing(Client(backend)) { Limit = 4 };

        var page = await listing.ListAsync(new InstanceQuery(), 2, null, TestContext.Current.CancellationToken);

        Assert.Null(page.Instances);
        Assert.True(page.Matching > 4);
    }

    [Fact]
    public async Task ListAsync_TokenThatIsNoOffset_StartsAtTheOldest()
    {
        var listing = new OldestFirstListing(Client(new ListingBackend(3))) { Limit = 10 };

        var page = await listing.ListAsync(new InstanceQuery(), 2, "b2Zmc2V0", TestContext.Current.CancellationToken);

        Assert.Equal(["i1", "i2"], page.Instances!.Select(i => i.InstanceId));
    }

    private static OrchestrationClient Client(IOrchestrationBackend backend) =>
        new(backend, new OrchestrationRegistry(), new DataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web)), TimeProvider.System);

    /// <summary>
    /// A backend holding <c>count</c> instances i1 (oldest) to iN: it lists them newest first in pages as the engine does,
    /// counts them (<see cref="CountShort"/> fewer, to play instances started after the count), and counts its listings.
    /// </summary>
    private sealed class ListingBackend(int count) : QueryOnlyBackend
    {
        private readonly List<OrchestrationState> _newestFirst = [.. Enumerable.Range(1, count).Reverse().Select(i => new OrchestrationState
        {
            InstanceId = "i" + i,
            ExecutionId = "e" + i,
            Name = "Referral",
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CreatedAt = Monday.AddMinutes(i),
            LastUpdatedAt = Monday.AddMinutes(i),
        })];

        public int CountShort { get; init; }

        public int Listings { get; private set; }

        public override Task<IReadOnlyList<InstanceCount>> CountInstancesAsync(InstanceCountQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<InstanceCount>>([new InstanceCount(null, null, null, _newestFirst.Count - CountShort)]);

        public override Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
        {
            Listings++;
            var page = _newestFirst.Take(query.PageSize).ToList();
            return Task.FromResult(new InstancePage(page, _newestFirst.Count > query.PageSize ? "more" : null));
        }
    }
}
