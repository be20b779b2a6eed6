using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Functions.Approvals;
using Workflows.Storage;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>
/// Builds the notification services the way the host does (<c>AddWorkflowsNotifications</c>) over the
/// in-memory domain stores, a test directory and fake approval links, with settings a test chooses.
/// </summary>
public static class NotificationServices
{
    public static Dictionary<string, string?> Settings(string channel = "Outbox") => new()
    {
        ["Workflows:PublicBaseUrl"] = "https://workflows.test",
        ["Workflows:DefaultLanguage"] = "en",
        ["Workflows:Notifications:Channel"] = channel,
        ["Workflows:Graph:SenderMailbox"] = "workflows@prisons.test",
    };

    public static ServiceCollection Create(IDictionary<string, string?> settings, string environment = "Development", string? storage = null, string? tablePrefix = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        Add(services, settings, environment, storage, tablePrefix);
        return services;
    }

    /// <summary>Adds the notification services and their test doubles to a collection (an engine test host's, for instance).</summary>
    public static void Add(IServiceCollection services, IDictionary<string, string?> settings, string environment = "Development", string? storage = null, string? tablePrefix = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IPersonDirectory>(Staff.Directory());
        services.AddSingleton<ICaseStore>(TestCases.Store());
        services.AddSingleton<IApprovalTaskStore, InMemoryApprovalTaskStore>();
        services.AddSingleton<IAuditLog, InMemoryAuditLog>();
        services.AddSingleton<FakeApprovalLinks>();
        services.AddSingleton<IApprovalLinks>(sp => sp.GetRequiredService<FakeApprovalLinks>());

        // As the host binds them (WorkflowsHostSetup): message links live as long as approval links.
        services.AddOptions<ApprovalLinkOptions>().Bind(configuration.GetSection(ApprovalLinkOptions.Section));
        if (storage is not null)
        {
            services.AddSingleton(new TableServiceClient(storage));
            services.AddSingleton(Options.Create(new WorkflowStorageOptions { UseInMemory = false, TablePrefix = tablePrefix ?? "t" + Guid.NewGuid().ToString("N")[..10] }));
        }

        services.AddWorkflowsNotifications(configuration, new HostingEnvironment { EnvironmentName = environment });
    }

    /// <summary>Creates the notification tables (what the domain's start-up service does).</summary>
    public static async Task InitializeStoresAsync(IServiceProvider services)
    {
        foreach (var store in services.GetServices<IStoreInitializer>())
        {
            await store.InitializeAsync();
        }
    }
}
