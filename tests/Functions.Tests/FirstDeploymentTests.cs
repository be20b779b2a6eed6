using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.AzureStorage;
using Workflows.Engine.Client;
using Workflows.Engine.Hosting;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// What the first <c>azd up</c> runs, before anyone has done the manual Entra ID step: the app with exactly
/// the deployed settings minus sign-in, and the timer wake-up job's command.
/// </summary>
public sealed class FirstDeploymentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite, environment: "Production", settings: new Dictionary<string, string?>
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["Workflows:ApprovalLinks:SigningKey"] = "a-test-signing-key-that-is-long-enough-0123456789",
        ["Workflows:Audit:ChainKey"] = "a-test-audit-chain-key-that-is-long-enough-0123456789",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task App_without_an_entra_registration_starts_and_its_health_probe_passes()
    {
        using var client = _app.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("/api/tasks")]
    [InlineData("/runtime/webhooks/durabletask/instances")]
    [InlineData("/")]
    public async Task Without_an_entra_registration_nobody_is_let_in_and_the_answer_names_the_settings(string path)
    {
        using var client = _app.ClientFor("admin.central");
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Contains("AzureAd:ClientId", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timer_release_job_moves_a_due_timer_to_its_queue_with_only_the_storage_settings()
    {
        var ct = TestContext.Current.CancellationToken;
        var hub = "j" + Guid.NewGuid().ToString("N")[..12];

        // A start scheduled an hour after a clock that runs a day behind is due for the job's real clock.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new DayBehindClock());
        services.AddOrchestrationEngine(engine => engine.UseAzureStorage(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TaskHub = hub;
        }));
        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<OrchestrationClient>();
            await client.ScheduleNewOrchestrationAsync("Referral", null, new StartOrchestrationOptions { StartAt = provider.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1) }, ct);
        }

        // The job's container: Production, the storage settings, nothing about sign-in, an empty folder.
        var folder = Directory.CreateTempSubdirectory("timer-job-");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workflows.Functions.dll"));
        start.ArgumentList.Add("--release-due-timers");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Workflows__Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Workflows__Storage__TaskHub"] = hub;
        using var job = Process.Start(start)!;
        var output = job.StandardOutput.ReadToEndAsync(ct);
        var errors = job.StandardError.ReadToEndAsync(ct);
        await job.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
        folder.Delete(recursive: true);

        Assert.True(job.ExitCode == 0, $"exit {job.ExitCode}: {await output} {await errors}");
        Assert.Contains("Released 1 due timer(s).", await output, StringComparison.Ordinal);
        var visible = 0;
        for (var partition = 0; partition < 4; partition++)
        {
            var queue = new QueueClient(azurite.ConnectionString, $"{hub}-control-{partition:D2}");
            visible += (await queue.PeekMessagesAsync(32, ct)).Value.Length;
        }

        Assert.Equal(1, visible);
    }

    private sealed class DayBehindClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddDays(-1);
    }
}
