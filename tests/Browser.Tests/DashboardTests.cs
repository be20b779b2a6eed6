using System.Globalization;
using System.Xml;
using Microsoft.Playwright;
using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.People;
using Workflows.Policies;

namespace Workflows.Browser.Tests;

/// <summary>
/// The administrators' dashboard against the engine and the stores: escalations entering the 7-day and 24-hour
/// windows as the development clock moves, the histogram's started and completed bars, the task counts, and an
/// instance's Gantt (timers, decisions) and custom status. Other tests share the app, so figures are compared
/// with what the stores hold at the time, never with fixed totals.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DashboardTests(BrowserApp app)
{
    [Fact]
    public async Task Escalation_enters_the_7_day_then_the_24_hour_window_as_the_clock_moves()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference, "eligibilityScreening");
        var facility = await app.Service<IPersonDirectory>().FindFacilityAsync(task.FacilityId);
        var policy = app.Service<IPolicyProvider>().Resolve(task.Workflow, facility!.Country, facility.Id);
        var level = policy.Steps[task.Step].Escalations[0];
        var escalation = policy.Calendar.Add(task.CreatedAt, level.At);
        await using var admin = await UiSession.StartAsync(app, "admin.central");
        // The dashboard shows the 50 soonest escalations of every test; the full list, filtered, finds this case's.
        var list = "/admin/tasks/escalations?caseReference=" + reference;
        var row = admin.Page.Locator($"#due-task-table tr[data-task-id='{task.TaskId}']");

        await admin.GotoAsync(list);
        Assert.True(escalation > Now().AddDays(7), "A new screening task escalates after more than 7 days.");
        await Assertions.Expect(row).ToHaveCountAsync(0);

        await AdvanceClockToAsync(admin, escalation.AddDays(-3));
        await admin.GotoAsync(list);
        await Assertions.Expect(row.Locator("time")).ToHaveAttributeAsync("datetime", Iso(escalation));
        await Assertions.Expect(row).ToContainTextAsync("Reassign: Head of rehabilitation");
        Assert.False(await DueWithinADayAsync(admin, row));
        await AssertWindowCountsMatchTheFullListAsync(admin);

        await AdvanceClockToAsync(admin, escalation.AddHours(-12));
        await admin.GotoAsync(list);
        await Assertions.Expect(row.Locator("time")).ToHaveAttributeAsync("datetime", Iso(escalation));
        Assert.True(await DueWithinADayAsync(admin, row));
        await AssertWindowCountsMatchTheFullListAsync(admin);
        await admin.GotoAsync("/admin");
        await admin.ScreenshotAsync("dashboard-escalations");
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task Histogram_bars_and_task_counts_show_what_the_engine_and_the_task_store_hold()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        await using (var coordinator = await UiSession.StartAsync(app, "coordinator.almaty"))
        {
            await Decisions.DecideAsync(coordinator, "coordinator.almaty", reference, "eligibilityScreening", "Reject", "No behaviour of concern documented.");
        }

        var client = app.Service<OrchestrationClient>();
        await Waits.UntilAsync(async () => await client.GetInstanceAsync("referral-" + reference) is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } s ? s : null, "the rejected referral to complete");
        await using var admin = await UiSession.StartAsync(app, "admin.central");

        // Today only (days=1): the bucket's figures are the instances created today and those finished today, approval steps excluded.
        var (started, completed) = await Waits.UntilAsync(
            async () =>
            {
                var expected = await TodayAsync(client);
                await admin.GotoAsync("/admin?days=1");
                // The table sits in a closed <details>: read its text content, not its (unrendered) inner text.
                var cells = await admin.Page.Locator("#histogram ~ details tbody tr td").EvaluateAllAsync<string[]>("cells => cells.map(c => c.textContent.trim())");
                var shown = ((long)Parse(cells[0]), (long)Parse(cells[1]));
                return shown == expected && expected == await TodayAsync(client) ? Tuple.Create(expected.Started, expected.Completed) : null;
            },
            "the histogram to show today's instances");
        Assert.True(started >= 1 && completed >= 1);
        var max = Math.Max(started, completed);
        const double Full = Workflows.Functions.Ui.Dashboard.Histogram.Height - Workflows.Functions.Ui.Dashboard.Histogram.Top - Workflows.Functions.Ui.Dashboard.Histogram.Bottom;
        await AssertBarAsync(admin.Page.Locator("#histogram rect.bar-started"), "Started", started, Full * started / max);
        await AssertBarAsync(admin.Page.Locator("#histogram rect.bar-completed"), "Completed", completed, Full * completed / max);

        var tasks = app.Service<IApprovalTaskStore>();
        await Waits.UntilAsync(
            async () =>
            {
                var counts = await tasks.CountByWorkflowAndStatusAsync();
                await admin.GotoAsync("/admin?days=1");
                var shown = await admin.Page.Locator("#task-counts tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))");
                var decided = counts.Single(c => c.Workflow == WorkflowNames.Referral && c.Status == ApprovalTaskStatus.Decided).Count;
                var matches = shown.Select(r => Parse(r[2])).SequenceEqual(counts.Select(c => c.Count))
                    && shown.Any(r => r[0] == "Referral" && r[1] == "Decided" && Parse(r[2]) == decided);
                return matches && (await tasks.CountByWorkflowAndStatusAsync()).SequenceEqual(counts) ? counts : null;
            },
            "the task counts to match the task store");
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task Instance_counts_show_running_referrals_whenever_they_started_not_only_those_started_in_the_range()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var client = app.Service<OrchestrationClient>();
        await using var admin = await UiSession.StartAsync(app, "admin.central");

        // Past midnight (clock): with the range "today" (days=1), the new referral started before the range and still runs.
        await AdvanceClockToAsync(admin, new DateTimeOffset(Now().UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddMinutes(1));
        var running = new InstanceQuery { Name = Workflows.Referrals.ReferralOrchestration.Name, RuntimeStatus = [OrchestrationRuntimeStatus.Running] };
        var row = await Waits.UntilAsync(
            async () =>
            {
                var expected = await client.CountInstancesAsync(running);
                await admin.GotoAsync("/admin?days=1");
                var rows = await admin.Page.Locator("#instance-counts-live tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))");
                var shown = rows.SingleOrDefault(r => r[0] == "Referral" && r[1] == "Running");
                return shown is not null && Parse(shown[2]) == expected && expected == await client.CountInstancesAsync(running) ? shown : null;
            },
            "the running referrals, whenever started, in the live counts");

        var today = new DateTimeOffset((await PageNowAsync(admin)).UtcDateTime.Date, TimeSpan.Zero);
        Assert.True((await client.GetInstanceAsync("referral-" + reference))!.CreatedAt < today);
        Assert.True(Parse(row[2]) > await client.CountInstancesAsync(running with { CreatedFrom = today }), "The live count includes referrals started before the range.");
        await Assertions.Expect(admin.Page.Locator("#instance-counts-live caption")).ToHaveTextAsync("Instances not finished yet (pending, running or suspended), whenever they started");
        await Assertions.Expect(admin.Page.Locator("#instance-counts-finished caption")).ToContainTextAsync("finished in the last 1 days");
        var link = admin.Page.Locator("#instance-counts-live tbody tr", new() { HasText = "Referral" }).Locator("a", new() { HasText = "Running" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "/admin/instances?name=Referral&runtimeStatus=Running");
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task Instance_timeline_shows_steps_timers_decisions_and_the_custom_status()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        var screening = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference, "eligibilityScreening");
        await using (var coordinator = await UiSession.StartAsync(app, "coordinator.almaty"))
        {
            await Decisions.DecideAsync(coordinator, "coordinator.almaty", reference, "eligibilityScreening", comment: "Eligible.");
        }

        await Waits.OpenTaskAsync(app, "assessor1.almaty", reference, "riskAssessment");
        await using var admin = await UiSession.StartAsync(app, "admin.central");
        await admin.GotoAsync("/admin/instances/" + Uri.EscapeDataString("referral-" + reference));
        var gantt = admin.Page.Locator("#instance-gantt");
        await Assertions.Expect(gantt.Locator("g.gantt-row[data-kind=Step]")).ToHaveCountAsync(2);
        var approval = gantt.Locator("g.gantt-row[data-kind=Decision]", new() { Has = admin.Page.Locator("title", new() { HasText = "Approve (Programme coordinator, Eligibility screening)" }) });
        await Assertions.Expect(approval).ToHaveCountAsync(1);
        await Assertions.Expect(approval.Locator("text")).ToContainTextAsync("Approve (Programme coordinator");
        await Assertions.Expect(approval.Locator("circle.marker-decision")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Page.Locator("#custom-status")).ToContainTextAsync("\"riskAssessment\"");
        await Assertions.Expect(admin.Page.Locator("#instance-step")).ToHaveTextAsync("Risk and needs assessment");

        // The screening step's own timeline: its reminder and deadline timers and the decision that ended it.
        await admin.GotoAsync("/admin/instances/" + Uri.EscapeDataString(screening.InstanceId));
        await Assertions.Expect(approval).ToHaveCountAsync(1);
        var timers = gantt.Locator("g.gantt-row[data-kind=Timer]");
        Assert.True(await timers.CountAsync() >= 1, "The screening step waits on timers.");
        await Assertions.Expect(timers.First.Locator("text")).ToContainTextAsync("Timer due ");
        await Assertions.Expect(timers.First.Locator("rect.span-timer")).ToHaveCountAsync(1);
        await admin.ScreenshotAsync("instance-timeline-step");
        Assert.Empty(admin.Problems);
    }

    private DateTimeOffset Now() => app.Service<TimeProvider>().GetUtcNow();

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static int Parse(string number) => int.Parse(number.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>Moves the development clock forward through its page, to <paramref name="target"/> (whole seconds).</summary>
    private async Task AdvanceClockToAsync(UiSession session, DateTimeOffset target)
    {
        var by = TimeSpan.FromSeconds(Math.Ceiling((target - Now()).TotalSeconds));
        Assert.True(by > TimeSpan.Zero, "The clock only moves forward.");
        await session.GotoAsync("/development/clock");
        await session.Page.Locator("#by").FillAsync(XmlConvert.ToString(by));
        await session.Page.Locator("#clock-form button[type=submit]").ClickAsync();
        await Assertions.Expect(session.Page.Locator("main .notice.success")).ToBeVisibleAsync();
    }

    private static async Task<DateTimeOffset> PageNowAsync(UiSession admin) =>
        DateTimeOffset.Parse((await admin.Page.Locator("#dashboard-now").GetAttributeAsync("data-now"))!, CultureInfo.InvariantCulture);

    private static async Task<bool> DueWithinADayAsync(UiSession admin, ILocator row) =>
        DateTimeOffset.Parse((await row.Locator("time").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture) < (await PageNowAsync(admin)).AddDays(1);

    /// <summary>
    /// The dashboard's 24-hour and 7-day figures count the full escalation list's rows (every page) due within a day
    /// and a week of now. Workflows of earlier tests may still open tasks, so both are read until they agree.
    /// </summary>
    private static async Task AssertWindowCountsMatchTheFullListAsync(UiSession admin) =>
        await Waits.UntilAsync(
            async () =>
            {
                await admin.GotoAsync("/admin");
                var now = await PageNowAsync(admin);
                var figures = (Parse(await admin.Page.Locator("#escalations-24h").InnerTextAsync()), Parse(await admin.Page.Locator("#escalations-7d").InnerTextAsync()));
                var due = new List<DateTimeOffset>();
                await admin.GotoAsync("/admin/tasks/escalations");
                while (true)
                {
                    due.AddRange((await admin.Page.Locator("#due-task-table tbody tr time").EvaluateAllAsync<string[]>("times => times.map(t => t.getAttribute('datetime'))"))
                        .Select(d => DateTimeOffset.Parse(d, CultureInfo.InvariantCulture)));
                    if (await admin.Page.Locator(".pager a[rel=next]").CountAsync() == 0)
                    {
                        break;
                    }

                    await admin.GotoAsync((await admin.Page.Locator(".pager a[rel=next]").GetAttributeAsync("href"))!);
                }

                var agree = due.All(d => d >= now && d < now.AddDays(7)) && figures == (due.Count(d => d < now.AddDays(1)), due.Count);
                return agree ? due : null;
            },
            "the dashboard's escalation figures to count the full list");

    /// <summary>Today's (clock) instances, approval steps excluded: how many were created today, and how many finished today (whenever created).</summary>
    private async Task<(long Started, long Completed)> TodayAsync(OrchestrationClient client)
    {
        var today = new DateTimeOffset(Now().UtcDateTime.Date, TimeSpan.Zero);
        var created = await ListAsync(client, new InstanceQuery { CreatedFrom = today, CreatedTo = today.AddDays(1) });
        var finished = await ListAsync(client, new InstanceQuery { RuntimeStatus = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled] });
        return (created.Count, finished.Count(i => i.CompletedAt >= today && i.CompletedAt < today.AddDays(1)));
    }

    /// <summary>Every instance a query lists (all pages), approval steps excluded.</summary>
    private static async Task<List<OrchestrationState>> ListAsync(OrchestrationClient client, InstanceQuery query)
    {
        var instances = new List<OrchestrationState>();
        string? token = null;
        do
        {
            var page = await client.QueryInstancesAsync(query with { PageSize = 1000, ContinuationToken = token });
            instances.AddRange(page.Instances.Where(i => i.Name != ApprovalOrchestration.Name));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return instances;
    }

    private static async Task AssertBarAsync(ILocator bar, string label, long count, double height)
    {
        await Assertions.Expect(bar).ToHaveCountAsync(1);
        await Assertions.Expect(bar.Locator("title")).ToContainTextAsync($"{label} {count.ToString("N0", CultureInfo.GetCultureInfo("en"))}");
        var drawn = double.Parse((await bar.GetAttributeAsync("height"))!, CultureInfo.InvariantCulture);
        Assert.InRange(drawn, height - 0.1, height + 0.1);
    }
}
