using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Workflows.Functions.Notifications.Http;

namespace Workflows.Functions.Notifications.Graph;

/// <summary>
/// Builds the <see cref="GraphServiceClient"/>: the SDK's middleware without its own retry handler (it
/// does not retry 500/502), then <see cref="RetryPipelines"/> right above the transport, so 429 and 5xx
/// are retried honouring <c>Retry-After</c>. Tests pass a fake transport and a fake clock.
/// </summary>
public static class WorkflowsGraphClientFactory
{
    /// <summary>The application permission scope of Graph.</summary>
    public static readonly string[] Scopes = ["https://graph.microsoft.com/.default"];

    public static GraphServiceClient Create(TokenCredential credential, GraphOptions options, TimeProvider time, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        handlers.Add(RetryPipelines.CreateHandler(time));
        var http = GraphClientFactory.Create(handlers, finalHandler: transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        http.Timeout = TimeSpan.FromMinutes(5);
        return new GraphServiceClient(http, credential, Scopes, options.BaseUrl);
    }

    /// <summary>Client credentials when a secret is configured; otherwise DefaultAzureCredential (the managed identity in Azure).</summary>
    public static TokenCredential CreateCredential(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret);
        }

        var credentialOptions = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(options.TenantId))
        {
            credentialOptions.TenantId = options.TenantId;
        }

        return new DefaultAzureCredential(credentialOptions);
    }
}
