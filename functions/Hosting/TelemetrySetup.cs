using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workflows.Engine.Diagnostics;
using Workflows.Functions.Configuration;

namespace Workflows.Functions.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs for the engine and ASP.NET Core, exported to Azure Monitor
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. Nothing recorded carries personal data:
/// the engine tags ids only, and query strings and bodies are not recorded.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The setting that turns on the Azure Monitor exporter.</summary>
    public const string ConnectionStringSetting = HostSettings.ApplicationInsightsConnectionString;

    /// <summary>Adds OpenTelemetry.</summary>
    public static WebApplicationBuilder AddWorkflowsTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration[ConnectionStringSetting];
        var exportToAzure = !string.IsNullOrWhiteSpace(connectionString);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("workflows"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(EngineTelemetry.Name)
                    .AddAspNetCoreInstrumentation(options =>
                    {
                        // Paths of approval links hold tokens; record the route, not the raw URL.
                        options.EnrichWithHttpRequest = (activity, request) =>
                        {
                            activity.SetTag("url.path", request.HttpContext.GetEndpoint()?.DisplayName ?? "unmatched");
                            activity.SetTag("url.query", null);
                        };
                        options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal);
                    })
                    .AddHttpClientInstrumentation();
                if (exportToAzure)
                {
                    tracing.AddAzureMonitorTraceExporter(o => Configure(o, builder.Configuration, connectionString!));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EngineTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (exportToAzure)
                {
                    metrics.AddAzureMonitorMetricExporter(o => Configure(o, builder.Configuration, connectionString!));
                }
            });
        if (exportToAzure)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.AddAzureMonitorLogExporter(o => Configure(o, builder.Configuration, connectionString!));
            });
        }

        return builder;
    }

    // Application Insights has local (key) authentication disabled in Azure: the exporter signs in with
    // the app's managed identity.
    private static void Configure(AzureMonitorExporterOptions options, ConfigurationManager configuration, string connectionString)
    {
        options.ConnectionString = connectionString;
        if (!string.IsNullOrWhiteSpace(configuration[HostSettings.ManagedIdentityClientId]))
        {
            options.Credential = StorageClients.Credential(configuration);
        }
    }
}
