using Workflows.Functions.Configuration;
using Workflows.Functions.Development;
using Workflows.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Functions-style local settings, then environment variables and the command line over them.
builder.Configuration.AddWorkflowsSettings(builder.Environment.ContentRootPath, args);

// Zero-setup local run: start the pinned Azurite when the settings point at it and nothing answers.
using var loggerFactory = LoggerFactory.Create(logging => logging.AddConsole());
LocalAzurite? azurite = null;
if (builder.Environment.IsDevelopment() && string.Equals(builder.Configuration["Workflows:Storage:ConnectionString"], "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
{
    try
    {
        azurite = await LocalAzurite.EnsureRunningAsync(builder.Environment.ContentRootPath, loggerFactory.CreateLogger("Workflows.Functions.Azurite"), CancellationToken.None);
    }
    catch (Exception ex) when (ex is NodeMissingException or InvalidOperationException)
    {
        // One clear line (a failed npm ci, a missing tools/azurite, busy ports), not a stack trace.
        await Console.Error.WriteLineAsync(ex.Message);
        return 1;
    }
}

using (azurite)
{
    // The scale-to-zero wake-up job runs this image with --release-due-timers: move due timers into
    // their queues (the queue scale rule then starts a replica) and exit.
    if (args.Contains(DueTimerRelease.Switch, StringComparer.Ordinal))
    {
        return await DueTimerRelease.RunAsync(builder.Configuration, Console.Out);
    }

    builder.AddWorkflowsHost();
    var app = builder.Build();
    app.UseWorkflowsHost();
    await app.RunAsync();
}

return 0;

/// <summary>The entry point (public so that tests can host the app).</summary>
public partial class Program;
