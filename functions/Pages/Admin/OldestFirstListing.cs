using System.Globalization;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// The instance list oldest first. The engine's index walks newest first only, so every matching instance is read
/// in one engine page and reversed, the page token being an offset: offered when the filter matches at most
/// <see cref="Limit"/> instances, which an exact count (index rows only) tells before anything is read.
/// </summary>
public sealed class OldestFirstListing(OrchestrationClient client)
{
    /// <summary>The most instances listed oldest first: the engine's largest page.</summary>
    public int Limit { get; init; } = 1000;

    /// <summary>One page oldest first, or a page with no instances and how many match when they are too many.</summary>
    public async Task<OldestFirstPage> ListAsync(InstanceQuery query, int pageSize, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = await client.CountInstancesAsync(query, cancellationToken).ConfigureAwait(false);
        if (matching > Limit)
        {
            return new OldestFirstPage(null, null, matching);
        }

        var page = await client.QueryInstancesAsync(query with { PageSize = Limit, ContinuationToken = null }, cancellationToken).ConfigureAwait(false);
        if (page.ContinuationToken is not null)
        {
            // Instances started since they were counted: more than the limit now.
            return new OldestFirstPage(null, null, Math.Max(matching, Limit + 1L));
        }

        var all = page.Instances.Reverse().ToList();
        var offset = int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given < all.Count ? given : 0;
        var next = offset + pageSize < all.Count ? (offset + pageSize).ToString(CultureInfo.InvariantCulture) : null;
        return new OldestFirstPage([.. all.Skip(offset).Take(pageSize)], next, all.Count);
    }
}
