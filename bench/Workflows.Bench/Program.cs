using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Bench;
using Workflows.Notifications;

// Wall time of the longest workflow with all its default timers on the time-skipping host.
// Usage: dotnet run -c Release --project bench/Workflows.Bench [runs] [monitoringYears]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var years = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var timings = new List<double>();
for (var i = 0; i < runs; i++)
{
    await using var scenario = new FullReferralScenario();
    var start = scenario.Host.UtcNow;
    var watch = Stopwatch.StartNew();
    var result = await scenario.RunAsync(years);
    watch.Stop();
    timings.Add(watch.Elapsed.TotalMilliseconds);
    var tasks = await scenario.Host.Services.GetRequiredService<IApprovalTaskStore>().ListByCaseAsync(scenario.CaseId);
    var notifications = ((RecordingNotifier)scenario.Host.Services.GetRequiredService<INotifier>()).Sent.Count;
    var audit = await scenario.Host.Services.GetRequiredService<IAuditLog>().ReadAsync(scenario.CaseId);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {i + 1}: outcome {result?.Outcome ?? "not finished"}, virtual {(scenario.Host.UtcNow - start).TotalDays:F0} days, {tasks.Count} tasks, {scenario.Decisions} decisions, {notifications} notifications, {audit.Count} audit entries, wall {watch.Elapsed.TotalMilliseconds:F0} ms"));
}

timings.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"referral with all default timers ({years} years of monitoring): median {timings[timings.Count / 2]:F0} ms, min {timings[0]:F0} ms, max {timings[^1]:F0} ms over {runs} runs (first run includes JIT)"));
