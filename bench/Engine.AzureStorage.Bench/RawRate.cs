using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Workflows.Engine.AzureStorage.Bench;

/// <summary>Azurite's raw operation rate: a mix of the requests the backend makes, 128 at a time, nothing else.</summary>
internal static class RawRate
{
    public static async Task<double> MeasureAsync(string connectionString, TimeSpan duration)
    {
        var name = "raw" + Guid.NewGuid().ToString("N")[..8];
        var table = new TableClient(connectionString, name);
        var queue = new QueueClient(connectionString, name);
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        var operations = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 128).Select(async worker =>
        {
            var i = 0;
            while (watch.Elapsed < duration)
            {
                var key = $"{worker}-{i++}";
                await table.UpsertEntityAsync(new TableEntity(key, "s") { ["Value"] = new string('x', 200) }).ConfigureAwait(false);
                await table.GetEntityAsync<TableEntity>(key, "s").ConfigureAwait(false);
                await queue.SendMessageAsync(new string('m', 300)).ConfigureAwait(false);
                var received = await queue.ReceiveMessagesAsync(1).ConfigureAwait(false);
                var ops = 4;
                foreach (var message in received.Value)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt).ConfigureAwait(false);
                    ops++;
                }

                Interlocked.Add(ref operations, ops);
            }
        })).ConfigureAwait(false);
        var rate = operations / watch.Elapsed.TotalSeconds;
        await table.DeleteAsync().ConfigureAwait(false);
        await queue.DeleteAsync().ConfigureAwait(false);
        return rate;
    }
}
