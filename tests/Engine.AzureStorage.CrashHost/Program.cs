using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Engine.AzureStorage;
using Workflows.Engine.AzureStorage.CrashHost;
using Workflows.Engine.Hosting;

// Usage: CrashHost <connection string> <task hub> <host id> <activity log file>
if (args.Length != 4)
{
    Console.Error.WriteLine("Usage: CrashHost <connection string> <task hub> <host id> <activity log file>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddOrchestrationEngine(engine =>
{
    CrashWorkload.Register(engine, args[3]);
    engine.UseAzureStorage(o => CrashWorkload.Configure(o, args[0], args[1], args[2]));
    engine.AddWorker();
});
using var host = builder.Build();
await host.RunAsync();
return 0;
