using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Approvals;

namespace Workflows.Browser.Tests;

/// <summary>
/// The full lists behind the dashboard's task tables, which show only their first 50 rows: every overdue task
/// (most overdue first) and every escalation due within 7 days, filtered and paged.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DueTaskListTests(BrowserApp app)
{
    private const int Seeded = 53;

    [Fact]
    public async Task Overdue_tasks_past_the_dashboards_first_50_are_listed_filtered_and_paged_most_overdue_first()
    {
        var reference = "OVD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var seeded = await SeedOverdueAsync(reference);
        try
        {
            await using var admin = await UiSession.StartAsync(app, "admin.central");
            var page = admin.Page;
            await admin.GotoAsync("/admin");
            var overdue = await page.Locator("#overdue-count").InnerTextAsync();
            Assert.True(int.Parse(overdue.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) >= Seeded);
            await Assertions.Expect(page.Locator("#overdue-table tbody tr")).ToHaveCountAsync(50);
            await Assertions.Expect(page.Locator("#overdue-all")).ToContainTextAsync(overdue);

            await page.Locator("#overdue-all").ClickAsync();
            await admin.WaitForPathAsync("/admin/tasks/overdue");
            await page.Locator("#caseReference").FillAsync(reference.ToLowerInvariant());
            await page.Locator("#workflow").SelectOptionAsync(WorkflowNames.Referral);
            await page.Locator("#due-task-filters button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#due-task-count")).ToHaveTextAsync($"50 of {Seeded} matching tasks shown (page 1 of 2)");
            var first = await ListedAsync(page);

            await page.Locator(".pager a[rel=next]").ClickAsync();
            await Assertions.Expect(page.Locator("#due-task-count")).ToHaveTextAsync($"{Seeded - 50} of {Seeded} matching tasks shown (page 2 of 2)");
            await Assertions.Expect(page.Locator(".pager a[rel=next]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".pager a[rel=prev]")).ToHaveAttributeAsync("href", new Regex("pageNumber=1"));
            var second = await ListedAsync(page);

            Assert.Equal(seeded.OrderBy(t => t.Due).Select(t => t.TaskId), first.Concat(second));
            Assert.Empty(admin.Problems);
        }
        finally
        {
            await CancelAsync(seeded);
        }
    }

    [Fact]
    public async Task Overdue_list_filtered_to_another_facility_leaves_out_the_tasks_of_this_one()
    {
        var reference = "OVD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var seeded = await SeedOverdueAsync(reference, count: 2);
        try
        {
            await using var admin = await UiSession.StartAsync(app, "admin.central");
            await admin.GotoAsync($"/admin/tasks/overdue?caseReference={reference}&facility=almaty");
            await Assertions.Expect(admin.Page.Locator("#due-task-table tbody tr")).ToHaveCountAsync(2);

            await admin.GotoAsync($"/admin/tasks/overdue?caseReference={reference}&facility=kostanay");
            await Assertions.Expect(admin.Page.Locator("#due-task-count")).ToHaveTextAsync("0 of 0 matching tasks shown (page 1 of 1)");
            await Assertions.Expect(admin.Page.Locator("#due-task-table")).ToHaveCountAsync(0);
            Assert.Empty(admin.Problems);
        }
        finally
        {
            await CancelAsync(seeded);
        }
    }

    [Fact]
    public async Task Due_task_list_other_than_overdue_or_escalations_is_not_found()
    {
        await using var admin = await UiSession.StartAsync(app, "admin.central");

        Assert.Equal(404, await admin.GotoAsync("/admin/tasks/everything"));
    }

    private static async Task<IReadOnlyList<string>> ListedAsync(IPage page) =>
        await page.Locator("#due-task-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.taskId)");

    /// <summary>
    /// Open, unassigned referral tasks of one made-up case, each overdue by a different span. They are created long
    /// ago, so every escalation level is past: they wait in no inbox and on no escalation list.
    /// </summary>
    private async Task<List<ApprovalTask>> SeedOverdueAsync(string reference, int count = Seeded)
    {
        var now = app.Service<TimeProvider>().GetUtcNow();
        var store = app.Service<IApprovalTaskStore>();
        var tasks = Enumerable.Range(0, count).Select(i => new ApprovalTask
        {
            TaskId = $"t-{reference.ToLowerInvariant()}-{i:D2}",
            Workflow = WorkflowNames.Referral,
            CaseId = "case-" + reference.ToLowerInvariant(),
            CaseReference = reference,
            InstanceId = $"approval-{reference}-{i:D2}",
            Step = "eligibilityScreening",
            Role = "programmeCoordinator",
            FacilityId = "almaty",
            CreatedAt = now.AddDays(-400),
            Due = now.AddHours(-1).AddMinutes(-7 * ((i * 17) % count)),
        }).ToList();
        foreach (var task in tasks)
        {
            Assert.True(await store.CreateAsync(task));
        }

        return tasks;
    }

    private async Task CancelAsync(IEnumerable<ApprovalTask> tasks)
    {
        var store = app.Service<IApprovalTaskStore>();
        foreach (var task in tasks)
        {
            var stored = (await store.GetAsync(task.TaskId))!;
            Assert.True(await store.TryReplaceAsync(stored with { Status = ApprovalTaskStatus.Cancelled }));
        }
    }
}
