using Azure.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Workflows.People;
using Workflows.Functions.Notifications.Delivery;
using Workflows.Functions.Notifications.Email;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Notifications.Graph;
using Workflows.Functions.Notifications.Http;
using Workflows.Functions.Notifications.Outbox;
using Workflows.Functions.People;
using Workflows.Functions.Teams;
using Workflows.Notifications;
using Workflows.Storage;

namespace Workflows.Functions.Notifications;

/// <summary>Registers notifications (outbox or Graph mail, Teams cards), the Teams bot and the Graph directory.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The named HttpClient whose primary handler carries Graph calls (tests replace it).</summary>
    public const string GraphHttpClientName = "Workflows.Graph";

    /// <summary>The named HttpClient that reads the Bot Framework's OpenID metadata and keys.</summary>
    public const string BotMetadataHttpClientName = "Workflows.BotMetadata";

    /// <summary>The key of the <see cref="TokenCredential"/> used for Graph (tests replace it).</summary>
    public const string GraphCredentialKey = "Workflows.Graph";

    /// <summary>
    /// Adds the host's <see cref="INotifier"/> (replacing the domain's recording one): channel chosen by
    /// <c>Workflows:Notifications:Channel</c> (<c>Outbox</c> stores emails and Teams cards in the
    /// development outbox; <c>Graph</c> sends mail through Microsoft Graph and, when
    /// <c>Workflows:Teams:BotAppId</c> is set, task cards through the bot); the Teams bot services; the Graph
    /// directory when <c>Workflows:Directory:Source</c> is <c>Graph</c> (replacing the JSON one). Stores follow
    /// the domain's <c>WorkflowStorageOptions.UseInMemory</c>. Every setting is validated at start-up.
    /// Requires <c>IApprovalLinks</c>, the domain services, and a <c>TableServiceClient</c> for Azure storage.
    /// </summary>
    public static IServiceCollection AddWorkflowsNotifications(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var notifications = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        var directory = new DirectoryOptions();
        configuration.GetSection(DirectoryOptions.Section).Bind(directory);
        var teams = new TeamsOptions();
        configuration.GetSection(TeamsOptions.Section).Bind(teams);
        var graphMail = notifications.Channel == NotificationChannelKind.Graph;
        var graphDirectory = directory.Source == DirectorySource.Graph;

        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddHttpClient();
        AddOptions(services, configuration, graphMail, graphDirectory);

        services.TryAddSingleton(NotificationTexts.Default);
        services.TryAddSingleton<MessageContentBuilder>();
        services.TryAddSingleton<EmailRenderer>();
        services.TryAddSingleton<NotificationLinkBuilder>();
        services.TryAddSingleton<TaskCardBuilder>();
        services.TryAddSingleton<NotificationFailureRecorder>();
        services.TryAddSingleton<NotificationAudit>();
        services.TryAddSingleton<HandDeliveryRouter>();
        AddStores(services);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, EmailChannel>());
        if (graphMail || graphDirectory)
        {
            AddGraphClient(services);
        }

        if (graphMail)
        {
            services.TryAddSingleton<IEmailTransport, GraphEmailTransport>();
            if (teams.Enabled)
            {
                services.TryAddSingleton<ITeamsCardTransport, BotConnectorCardTransport>();
                services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, TeamsChannel>());
            }
        }
        else
        {
            services.TryAddSingleton<IEmailTransport, OutboxEmailTransport>();
            services.TryAddSingleton<ITeamsCardTransport, OutboxTeamsTransport>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, TeamsChannel>());
        }

        if (teams.Enabled)
        {
            AddTeamsBot(services, teams);
        }

        if (graphDirectory)
        {
            services.TryAddSingleton(sp =>
            {
                var file = sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.FacilitiesFile;
                return string.IsNullOrWhiteSpace(file) ? JsonPersonDirectory.LoadDevelopmentSeed() : JsonPersonDirectory.LoadFile(file);
            });
            services.TryAddSingleton<GraphPersonDirectory>();
            services.Replace(ServiceDescriptor.Singleton<IPersonDirectory>(sp => sp.GetRequiredService<GraphPersonDirectory>()));
        }

        services.TryAddSingleton<NotificationDispatcher>();
        services.Replace(ServiceDescriptor.Singleton<INotifier>(sp => sp.GetRequiredService<NotificationDispatcher>()));
        if (environment.IsProduction() && !graphMail)
        {
            services.AddHostedService<OutboxInProductionWarning>();
        }

        return services;
    }

    /// <summary>True when the domain's storage is the in-memory twin (then the notification stores are too).</summary>
    public static bool UsesInMemoryStorage(IServiceProvider services) => NotificationStoresInitializer.InMemory(services);

    private static void AddOptions(IServiceCollection services, IConfiguration configuration, bool graphMail, bool graphDirectory)
    {
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.Section))
            .Configure(o =>
            {
                o.DefaultLanguage = configuration["Workflows:DefaultLanguage"] is { Length: > 0 } language ? language : o.DefaultLanguage;
                o.PublicBaseUrl = configuration["Workflows:PublicBaseUrl"] ?? string.Empty;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.AddOptions<GraphOptions>().Bind(configuration.GetSection(GraphOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>>(new GraphOptionsValidator(graphMail, graphDirectory)));
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection(DirectoryOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectoryOptions>, DirectoryOptionsValidator>());
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
    }

    private static void AddStores(IServiceCollection services)
    {
        AddStore<INotificationDeliveryStore, InMemoryNotificationDeliveryStore, AzureTableNotificationDeliveryStore>(services);
        AddStore<INotificationFailureStore, InMemoryNotificationFailureStore, AzureTableNotificationFailureStore>(services);
        AddStore<IOutboxStore, InMemoryOutboxStore, AzureTableOutboxStore>(services);
        AddStore<ITeamsConversationStore, InMemoryTeamsConversationStore, AzureTableTeamsConversationStore>(services);
        services.AddSingleton<IStoreInitializer, NotificationStoresInitializer>();
    }

    private static void AddStore<TService, TInMemory, TAzure>(IServiceCollection services)
        where TService : class
        where TInMemory : class, TService
        where TAzure : class, TService
    {
        services.TryAddSingleton<TInMemory>();
        // A factory, so that a host on in-memory storage (no TableServiceClient) still passes ValidateOnBuild.
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<TAzure>(sp));
        services.TryAddSingleton<TService>(sp => UsesInMemoryStorage(sp) ? sp.GetRequiredService<TInMemory>() : sp.GetRequiredService<TAzure>());
    }

    private static void AddGraphClient(IServiceCollection services)
    {
        services.AddHttpClient(GraphHttpClientName);
        services.TryAddKeyedSingleton<TokenCredential>(GraphCredentialKey, (sp, _) => WorkflowsGraphClientFactory.CreateCredential(sp.GetRequiredService<IOptions<GraphOptions>>().Value));
        services.TryAddSingleton(sp => WorkflowsGraphClientFactory.Create(
            sp.GetRequiredKeyedService<TokenCredential>(GraphCredentialKey),
            sp.GetRequiredService<IOptions<GraphOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(GraphHttpClientName)));
    }

    private static void AddTeamsBot(IServiceCollection services, TeamsOptions teams)
    {
        services.AddHttpClient(BotConnectorClient.HttpClientName).AddHttpMessageHandler(sp => RetryPipelines.CreateHandler(sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(ClientSecretBotTokenProvider.HttpClientName).AddHttpMessageHandler(sp => RetryPipelines.CreateHandler(sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(BotMetadataHttpClientName);
        services.TryAddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(sp => new ConfigurationManager<OpenIdConnectConfiguration>(
            sp.GetRequiredService<IOptions<TeamsOptions>>().Value.OpenIdMetadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(sp.GetRequiredService<IHttpClientFactory>().CreateClient(BotMetadataHttpClientName)) { RequireHttps = true }));
        if (string.IsNullOrWhiteSpace(teams.BotAppPassword))
        {
            services.TryAddSingleton<IBotTokenProvider>(sp => new CredentialBotTokenProvider(
                new Azure.Identity.DefaultAzureCredential(), sp.GetRequiredService<IOptions<TeamsOptions>>()));
        }
        else
        {
            services.TryAddSingleton<IBotTokenProvider, ClientSecretBotTokenProvider>();
        }

        services.TryAddSingleton<BotTokenValidator>();
        services.TryAddSingleton<BotConnectorClient>();
        services.TryAddSingleton<TeamsUserResolver>();
        services.TryAddSingleton<CardActionHandler>();
        services.TryAddSingleton<TeamsSenderLimit>();
        services.TryAddSingleton<TeamsBot>();
    }
}
