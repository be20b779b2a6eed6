using Microsoft.Extensions.Options;
using Workflows.Functions.Notifications.Delivery;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Notifications.Outbox;
using Workflows.Functions.Teams;
using Workflows.Storage;

namespace Workflows.Functions.Notifications;

/// <summary>Creates the notification tables at start-up when storage is Azure (run with the domain's store initializers).</summary>
internal sealed class NotificationStoresInitializer(IServiceProvider services) : IStoreInitializer
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (NotificationsServiceCollectionExtensions.UsesInMemoryStorage(services))
        {
            return;
        }

        IStoreInitializer[] stores =
        [
            services.GetRequiredService<AzureTableNotificationDeliveryStore>(),
            services.GetRequiredService<AzureTableNotificationFailureStore>(),
            services.GetRequiredService<AzureTableOutboxStore>(),
            services.GetRequiredService<AzureTableTeamsConversationStore>(),
        ];
        foreach (var store in stores)
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static bool InMemory(IServiceProvider services) =>
        services.GetService<IOptions<WorkflowStorageOptions>>()?.Value.UseInMemory ?? true;
}
