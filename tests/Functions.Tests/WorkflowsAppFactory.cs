using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Workflows.Engine.Hosting;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// The real app (Program) on a test server, against the shared Azurite, with its own task hub and
/// table prefix so that test classes never see each other's data.
/// </summary>
public sealed class WorkflowsAppFactory(AzuriteFixture azurite, string environment = "Development", Action<EngineBuilder>? engine = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    private readonly string _hub = "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The public base URL the app is configured with.</summary>
    public const string PublicBaseUrl = "https://workflows.test";

    /// <summary>
    /// A client acting as a seeded development user. Outside Development it speaks HTTPS, as requests
    /// reach the app through the ingress (plain HTTP is redirected there).
    /// </summary>
    public HttpClient ClientFor(string? userId)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri(environment == "Development" ? "http://localhost" : "https://localhost"),
        });
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Add("X-Dev-User", userId);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Workflows:Storage:ConnectionString", azurite.ConnectionString);
        builder.UseSetting("Workflows:Storage:TaskHub", _hub);
        builder.UseSetting("Workflows:Storage:MinPollingInterval", "00:00:00.020");
        builder.UseSetting("Workflows:Storage:TimerPollingInterval", "00:00:00.200");
        builder.UseSetting("Workflows:Domain:TablePrefix", _hub);
        builder.UseSetting("Workflows:Domain:ContainerPrefix", _hub);
        builder.UseSetting("Workflows:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Workflows:Development:ClockStateFile", string.Empty);
        builder.UseSetting("Workflows:RateLimits:ApiPerMinute", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }

        if (engine is not null)
        {
            builder.ConfigureServices(services => services.AddOrchestrationEngine(engine));
        }
    }
}
