using Microsoft.AspNetCore.Http.Json;
using Workflows.Engine.Hosting;
using Workflows.Functions.Api;
using Workflows.Functions.Audit;
using Workflows.Functions.Api.Programmes;
using Workflows.Functions.Approvals;
using Workflows.Functions.Auth;
using Workflows.Functions.Configuration;
using Workflows.Functions.Development;
using Workflows.Functions.Health;
using Workflows.Functions.Management;
using Workflows.Functions.Notifications;
using Workflows.Functions.Notifications.Outbox;
using Workflows.Functions.Teams;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Hosting;

/// <summary>Composes the host: storage, engine, domain, auth, API, telemetry and protections.</summary>
public static class WorkflowsHostSetup
{
    /// <summary>Registers every service of the host.</summary>
    public static WebApplicationBuilder AddWorkflowsHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var environment = builder.Environment;

        services.AddOptions<WorkflowsHostOptions>().Bind(configuration.GetSection(WorkflowsHostOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // Time: a development clock that can jump forward, real time elsewhere. Registered before the
        // engine and the domain so that both use it.
        if (environment.IsDevelopment())
        {
            var stateFile = configuration[HostSettings.ClockStateFile] ?? Path.Combine(LocalAzurite.DataFolder(environment.ContentRootPath), "development-clock.txt");
            var clock = new DevelopmentClock(TimeProvider.System, stateFile.Length == 0 ? null : stateFile);
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddStorageClients(configuration);
        services.AddOrchestrationEngine(engine => engine
            .AddProgrammeWorkflows()
            .UseWorkflowsStorage(configuration)
            .AddWorker());
        services.AddWorkflowsNotifications(configuration, environment);
        services.AddImmutableAuditLog(configuration);
        services.AddProgrammeWorkflows(options =>
        {
            options.Storage.UseInMemory = false;
            options.Storage.TablePrefix = configuration[HostSettings.DomainTablePrefix] ?? options.Storage.TablePrefix;
            options.Storage.ContainerPrefix = configuration[HostSettings.DomainContainerPrefix] ?? options.Storage.ContainerPrefix;
            if (configuration[HostSettings.PolicyFile] is { Length: > 0 } policy)
            {
                options.PolicyFiles.Add(policy);
            }
        });

        services.AddSingleton<CheckStatusLinks>();
        services.AddSingleton<EscalationSchedule>();
        services.AddOptions<ApprovalLinkOptions>().Bind(configuration.GetSection(ApprovalLinkOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ApprovalLinkOptions>, ApprovalLinkOptionsValidator>();
        services.AddSingleton<ApprovalLinkService>();
        services.AddSingleton<IApprovalLinks>(sp => sp.GetRequiredService<ApprovalLinkService>());
        services.AddWorkflowsUi(configuration);
        services.AddSingleton<ManagementAudit>();
        services.AddSingleton<FilteredPurge>();
        services.AddWorkflowsAuthentication(configuration, environment);
        services.AddWorkflowsAuthorization();
        services.AddWorkflowsRateLimits(configuration);
        services.AddProblemDetails();

        // A binding failure that reaches the exception handler (a malformed value the framework binds)
        // keeps its 4xx status instead of becoming a 500; handlers parse their own input first.
        services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddOpenApi();
        services.Configure<JsonOptions>(options =>
        {
            // Enum values by name only: a number would slip an undefined value (kind 99) past binding.
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));

            // Markup in stored user text leaves the API escaped (\u003C...), never as live HTML.
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default;
        });
        services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");
        services.AddTransportSecurity(environment);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = configuration.GetValue(HostSettings.MaxRequestBodyBytes, RequestSizeLimit.DefaultBytes));
        builder.AddWorkflowsTelemetry();
        return builder;
    }

    /// <summary>Adds the middleware and maps every endpoint.</summary>
    public static WebApplication UseWorkflowsHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTransportSecurity();
        app.UseSecurityHeaders();
        app.UseRequestSizeLimit(app.Configuration.GetValue(HostSettings.MaxRequestBodyBytes, RequestSizeLimit.DefaultBytes));
        app.UseStaticFiles();
        app.UseWorkflowsUi();
        app.UseAuthentication();

        // After authentication, so the API's limit is per person (RateLimits.Api), not per NAT address.
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz", HealthResponse.Options).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapManagementApi(AccessPolicies.Administrator);
        app.MapTaskApi();
        app.MapCaseApi();
        app.MapReferralApi();
        app.MapCsoAccessApi();
        app.MapPreReleaseApi();
        app.MapRepatriationApi();
        app.MapComplaintApi();
        app.MapWorkflowsUi();
        app.MapTeamsBot();
        app.MapDevelopmentOutbox();
        if (app.Environment.IsDevelopment())
        {
            app.MapDevelopmentEndpoints();
        }

        return app;
    }
}
