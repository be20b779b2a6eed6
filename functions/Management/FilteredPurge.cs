using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Functions.Management;

/// <summary>
/// Purges the finished instances a query matches, one by one, so that each purged instance is audited in
/// its case's trail (read before the purge: afterwards its case tag is gone) and the purge as a whole in
/// the system stream, only when it deleted something. Both the management API and the purge page use it.
/// </summary>
public sealed class FilteredPurge(OrchestrationClient client, ManagementAudit audit)
{
    private const int PageSize = 100;

    /// <summary>
    /// Purges up to <paramref name="limit"/> instances matching <paramref name="query"/>; returns how many were
    /// deleted and whether matching instances remain beyond the limit.
    /// </summary>
    /// <param name="context">The request, whose user the entries name.</param>
    /// <param name="query">The instances to purge; the engine deletes only the finished ones among them.</param>
    /// <param name="limit">The most instances deleted.</param>
    /// <param name="reason">The reason recorded with each purged instance, or null.</param>
    /// <param name="summary">The detail of the summary entry, from the number deleted.</param>
    public async Task<(int Deleted, bool MoreRemaining)> PurgeAsync(HttpContext context, InstanceQuery query, int limit, string? reason, Func<int, string> summary)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(summary);
        var cancellationToken = context.RequestAborted;
        var deleted = 0;
        string? token = null;
        var more = false;
        do
        {
            var page = await client.QueryInstancesAsync(query with { PageSize = PageSize, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                if (deleted == limit)
                {
                    more = true;
                    break;
                }

                // The engine deletes only a finished instance (0 when it has been restarted meanwhile): only real purges are audited.
                if ((await client.PurgeInstanceAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false)).InstancesDeleted == 1)
                {
                    deleted++;
                    await audit.RecordWithStateAsync(context, "purge", instance, reason).ConfigureAwait(false);
                }
            }

            token = page.ContinuationToken;
            more |= deleted == limit && token is not null;
        }
        while (token is not null && !more);

        if (deleted > 0)
        {
            await audit.RecordAsync(context, "purge-by-filter", null, summary(deleted)).ConfigureAwait(false);
        }

        return (deleted, more);
    }
}
