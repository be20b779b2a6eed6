using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine.Testing;
using Workflows.Functions.Approvals;
using Workflows.Functions.Hosting;
using Workflows.Functions.Notifications.Outbox;
using Workflows.Functions.Teams;
using Workflows.Storage;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>
/// The host's notification endpoints in an in-process test server: <c>AddWorkflowsNotifications</c>,
/// <c>MapTeamsBot</c> and <c>MapDevelopmentOutbox</c> as the lead wires them (with the app's rate limits), over the real
/// <see cref="ApprovalDecisionService"/> with in-memory stores and an <see cref="OrchestrationTestHost"/>
/// whose "WaitForDecision" orchestration stands in for the approval step (it ends with the signal it gets).
/// </summary>
public sealed class TestWebHost : IAsyncDisposable
{
    public const string WaitForDecision = "WaitForDecision";

    private TestWebHost(WebApplication app, OrchestrationTestHost engine, FakeBotFramework bot)
    {
        App = app;
        Engine = engine;
        Bot = bot;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public OrchestrationTestHost Engine { get; }

    public FakeBotFramework Bot { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public IApprovalTaskStore Tasks => Services.GetRequiredService<IApprovalTaskStore>();

    public static async Task<TestWebHost> StartAsync(string channel = "Outbox", bool teams = true, string? storage = null, string environment = "Development", string[]? endorsements = null, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var engine = OrchestrationTestHost.Create(e => e.AddOrchestration<string, ApprovalSignal>(
            WaitForDecision,
            async (ctx, _) => await ctx.WaitForExternalEvent<ApprovalSignal>(ApprovalSignal.EventName)));
        var bot = new FakeBotFramework(endorsements: endorsements);
        var settings = NotificationServices.Settings(channel);
        if (teams)
        {
            foreach (var (key, value) in FakeBotFramework.Settings())
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        var services = builder.Services;
        services.AddSingleton<IPersonDirectory>(Staff.Directory());
        services.AddSingleton<ICaseStore>(TestCases.Store());
        services.AddSingleton<IApprovalTaskStore, InMemoryApprovalTaskStore>();
        services.AddSingleton<IAuditLog, InMemoryAuditLog>();
        services.AddSingleton<FakeApprovalLinks>();
        services.AddSingleton<IApprovalLinks>(sp => sp.GetRequiredService<FakeApprovalLinks>());
        services.AddSingleton(engine.Client);
        services.AddSingleton<ApprovalDecisionService>();
        if (storage is not null)
        {
            services.AddSingleton(new TableServiceClient(storage));
            services.AddSingleton(Options.Create(new WorkflowStorageOptions { UseInMemory = false, TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10] }));
        }

        services.AddWorkflowsNotifications(builder.Configuration, builder.Environment);
        services.AddWorkflowsRateLimits(builder.Configuration);
        foreach (var name in new[] { NotificationsServiceCollectionExtensions.BotMetadataHttpClientName, BotConnectorClient.HttpClientName, ClientSecretBotTokenProvider.HttpClientName, NotificationsServiceCollectionExtensions.GraphHttpClientName })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => bot.Handler);
        }

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapTeamsBot();
        app.MapDevelopmentOutbox();
        await app.StartAsync();
        await NotificationServices.InitializeStoresAsync(app.Services);
        return new TestWebHost(app, engine, bot);
    }

    /// <summary>Starts a stand-in approval instance and opens a task on it (a veto role's, where a rejection is a veto, with <paramref name="vetoAllowed"/>).</summary>
    public async Task<ApprovalTask> OpenTaskAsync(string assigneeId, string? delegateId = null, string taskId = "t-1", bool vetoAllowed = false, IReadOnlyList<string>? reasonCatalogue = null)
    {
        var instanceId = await Engine.StartAsync(WaitForDecision, "go");
        var task = new ApprovalTask
        {
            TaskId = taskId,
            Workflow = WorkflowNames.Referral,
            CaseId = "case-1",
            CaseReference = "REF-2026-0042",
            InstanceId = instanceId,
            Step = "eligibility",
            AssigneeId = assigneeId,
            DelegateId = delegateId,
            Role = Roles.ProgrammeCoordinator,
            FacilityId = "almaty",
            Due = new DateTimeOffset(2026, 1, 12, 17, 0, 0, TimeSpan.Zero),
            CreatedAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
            ReasonCatalogue = reasonCatalogue ?? ["insufficientEvidence"],
            VetoAllowed = vetoAllowed,
        };
        await Tasks.CreateAsync(task);
        return (await Tasks.GetAsync(taskId))!;
    }

    /// <summary>Posts an activity to the messaging endpoint with a channel token (or the given one).</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsBotEndpoints.Path)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Bot.Token());
        return await Client.SendAsync(request);
    }

    /// <summary>Posts an invoke and returns the invoke response body.</summary>
    public async Task<JsonObject> InvokeAsync(JsonObject activity)
    {
        using var response = await PostActivityAsync(activity);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Engine.DisposeAsync();
        Bot.Dispose();
    }
}
