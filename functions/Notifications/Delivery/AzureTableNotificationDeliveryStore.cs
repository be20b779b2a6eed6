using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Functions.Notifications.Delivery;

/// <summary>
/// The delivery store on Azure Tables: table <c>{prefix}NotificationDeliveries</c>, one row per key
/// (partition = SHA-256 of the key). A claim is a conditional insert, or a replace under the row's ETag
/// when the previous attempt failed or its lease ran out.
/// </summary>
public sealed class AzureTableNotificationDeliveryStore : INotificationDeliveryStore, IStoreInitializer
{
    private const string RowKey = "delivery";
    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public AzureTableNotificationDeliveryStore(TableServiceClient service, IOptions<WorkflowStorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _table = service.GetTableClient(options.Value.TableName("NotificationDeliveries"));
        _time = time;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    public async Task<ClaimResult> TryClaimAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var partition = TableKey.Hash(key);
        while (true)
        {
            var now = _time.GetUtcNow();
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!existing.HasValue)
                {
                    var added = await _table.AddEntityAsync(Row(partition, key, DeliveryState.Sending, 1, now, now + lease, null), cancellationToken).ConfigureAwait(false);
                    return ClaimResult.Claimed(new DeliveryClaim(key, 1, added.Headers.ETag!.Value.ToString()));
                }

                var row = existing.Value!;
                var state = Enum.Parse<DeliveryState>(row.GetString("State"));
                var leaseUntil = row.GetDateTimeOffset("LeaseUntil") ?? DateTimeOffset.MinValue;
                if (state is DeliveryState.Sent or DeliveryState.Skipped or DeliveryState.GaveUp)
                {
                    return ClaimResult.AlreadyDone;
                }

                if (state == DeliveryState.Sending && leaseUntil > now)
                {
                    return ClaimResult.Busy(leaseUntil);
                }

                var attempt = (row.GetInt32("Attempts") ?? 0) + 1;
                var replaced = await _table.UpdateEntityAsync(Row(partition, key, DeliveryState.Sending, attempt, now, now + lease, null), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return ClaimResult.Claimed(new DeliveryClaim(key, attempt, replaced.Headers.ETag!.Value.ToString()));
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another delivery claimed or finished it between our read and write: look again.
            }
        }
    }

    public async Task CompleteAsync(DeliveryClaim claim, DeliveryState state, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var partition = TableKey.Hash(claim.Key);
        var row = Row(partition, claim.Key, state, claim.Attempt, _time.GetUtcNow(), null, reason);
        try
        {
            if (state == DeliveryState.Sent)
            {
                await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(row, new ETag(claim.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Our lease ran out and another delivery took the key over: its outcome stands.
        }
    }

    public async Task<DeliveryRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.Hash(key), RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue
            ? new DeliveryRecord(key, Enum.Parse<DeliveryState>(row.Value!.GetString("State")), row.Value.GetInt32("Attempts") ?? 0, row.Value.GetDateTimeOffset("UpdatedAt") ?? default, row.Value.GetString("Reason"))
            : null;
    }

    private static TableEntity Row(string partition, string key, DeliveryState state, int attempts, DateTimeOffset now, DateTimeOffset? leaseUntil, string? reason) =>
        new(partition, RowKey)
        {
            ["Key"] = key,
            ["State"] = state.ToString(),
            ["Attempts"] = attempts,
            ["UpdatedAt"] = now,
            ["LeaseUntil"] = leaseUntil,
            ["Reason"] = reason,
        };
}
