using Workflows.Engine.Backend;
using Workflows.Engine.Client;
using Workflows.Engine.Hosting;
using Workflows.Engine.Testing;

// A first host: the engine on its in-memory backend, with a sample orchestration. The full host
// (Azure Storage backend, HTTP API, UI) replaces this.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<InMemoryOrchestrationBackend>();
builder.Services.AddSingleton<IOrchestrationBackend>(sp => sp.GetRequiredService<InMemoryOrchestrationBackend>());
builder.Services.AddOrchestrationEngine(engine => engine
    .AddActivity<string, string>("Greet", name => $"Hello, {name}!")
    .AddOrchestration<string, string[]>("Greetings", async (ctx, name) =>
    [
        await ctx.CallActivityAsync<string>("Greet", name),
        await ctx.CallActivityAsync<string>("Greet", name + " again"),
    ])
    .AddWorker());

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "Healthy" }));
app.MapPost("/api/greetings/{name}", async (string name, OrchestrationClient client) =>
{
    var id = await client.ScheduleNewOrchestrationAsync("Greetings", name);
    return Results.Accepted($"/api/instances/{id}", new { id });
});
app.MapGet("/api/instances/{id}", async (string id, OrchestrationClient client) =>
    await client.GetInstanceAsync(id, getInputsAndOutputs: true) is { } state ? Results.Ok(state) : Results.NotFound());
app.Run();
