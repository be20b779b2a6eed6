using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.Playwright;
using Workflows.Approvals;

namespace Workflows.Browser.Tests;

/// <summary>
/// The task page's other forms (return for clarification and its answer, delegation) and the inbox's filters,
/// sort and overdue badge once the development clock has moved past a deadline.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class TaskPageTests(BrowserApp app)
{
    private IApprovalTaskStore Tasks => app.Service<IApprovalTaskStore>();

    [Fact]
    public async Task Returned_for_clarification_the_requester_answers_and_the_task_comes_back()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        const string Question = "Which officers witnessed the leaflets being handed out?";
        await using (var coordinator = await UiSession.StartAsync(app, "coordinator.almaty"))
        {
            await Decisions.DecideAsync(coordinator, "coordinator.almaty", reference, "eligibilityScreening", "ReturnForClarification", Question);
            await Assertions.Expect(coordinator.Page.Locator("main [role=status]").First).ToContainTextAsync("Your decision has been recorded");
        }

        var clarification = await Waits.OpenTaskAsync(app, "referrer.almaty", reference);
        Assert.Equal(ApprovalTaskKind.Clarification, clarification.Kind);
        await using var referrer = await UiSession.StartAsync(app, "referrer.almaty");
        await referrer.GotoAsync("/tasks");
        var row = referrer.Page.Locator($"#task-table tr[data-task-id='{clarification.TaskId}']");
        await Assertions.Expect(row).ToContainTextAsync("Clarification");
        await row.Locator("a").ClickAsync();
        await referrer.WaitForPathAsync("/tasks/" + clarification.TaskId);
        await Assertions.Expect(referrer.Page.Locator("section[aria-labelledby=question-title] .comment")).ToHaveTextAsync(Question);
        await Assertions.Expect(referrer.Page.Locator("#decision-form")).ToHaveCountAsync(0);

        // An empty answer is stopped in the page; the answer goes back to the screener.
        Assert.True(await referrer.Page.Locator("#answer").EvaluateAsync<bool>("e => e.required"));
        await referrer.Page.Locator("#answer").FillAsync("Officers Abenov and Serikova; their reports are attached.");
        await referrer.Page.Locator("#answer-form button[type=submit]").ClickAsync();
        await referrer.WaitForPathAsync("/tasks");
        await Assertions.Expect(referrer.Page.Locator("main [role=status]").First).ToContainTextAsync("Your answer has been sent.");

        var answered = await Tasks.GetAsync(clarification.TaskId);
        Assert.Equal((ApprovalTaskStatus.Decided, "referrer.almaty"), (answered!.Status, answered.DecidedBy));
        var back = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference, "eligibilityScreening");
        await using var screener = await UiSession.StartAsync(app, "coordinator.almaty");
        await screener.GotoAsync("/cases/" + caseId);
        await Assertions.Expect(screener.Page.Locator("#case-timeline")).ToContainTextAsync("Eligibility screening: clarification asked of");
        await screener.GotoAsync("/tasks/" + back.TaskId);
        await Assertions.Expect(screener.Page.Locator("#decision-form")).ToBeVisibleAsync();
        Assert.Empty(referrer.Problems.Concat(screener.Problems));
    }

    [Fact]
    public async Task Next_approver_sees_the_cases_earlier_decisions_with_reason_names_and_the_comment_as_text()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        var screening = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference, "eligibilityScreening");
        const string Comment = "Eligible <b>at once</b><script>window.injected = 1</script>";
        string reasonName;
        await using (var coordinator = await UiSession.StartAsync(app, "coordinator.almaty"))
        {
            await coordinator.GotoAsync("/tasks/" + screening.TaskId);
            await coordinator.Page.Locator("input[name=Decision][value=Approve]").CheckAsync();
            await coordinator.Page.Locator("#comment").FillAsync(Comment);
            await coordinator.Page.Locator("#reasonCodes").CheckAsync();
            reasonName = (await coordinator.Page.Locator("label[for=reasonCodes]").InnerTextAsync()).Trim();
            await coordinator.Page.Locator("#decision-form button[type=submit]").ClickAsync();
            await coordinator.WaitForPathAsync("/tasks");
        }

        var assessment = await Waits.OpenTaskAsync(app, "assessor1.almaty", reference, "riskAssessment");
        var coordinatorName = (await app.Service<Workflows.People.IPersonDirectory>().FindAsync("coordinator.almaty"))!.DisplayName;
        await using var assessor = await UiSession.StartAsync(app, "assessor1.almaty");
        await assessor.GotoAsync("/tasks/" + assessment.TaskId);

        await Assertions.Expect(assessor.Page.Locator("#decisions-title")).ToHaveTextAsync("Decisions so far on this case");
        var entry = assessor.Page.Locator($"#decision-history li[data-task-id='{screening.TaskId}']");
        await Assertions.Expect(entry.Locator(".step")).ToHaveTextAsync("Eligibility screening");
        await Assertions.Expect(entry.Locator("strong")).ToHaveTextAsync("Approve");
        await Assertions.Expect(entry).ToContainTextAsync(coordinatorName + " (Programme coordinator)");
        await Assertions.Expect(entry.Locator("time")).ToHaveCountAsync(1);
        await Assertions.Expect(entry.Locator(".badge")).ToHaveTextAsync("Web");
        await Assertions.Expect(entry).ToContainTextAsync("Reasons: " + reasonName);
        Assert.DoesNotContain("-", reasonName, StringComparison.Ordinal);
        await Assertions.Expect(entry.Locator(".comment")).ToHaveTextAsync(Comment);
        await Assertions.Expect(entry.Locator("b, script")).ToHaveCountAsync(0);
        Assert.True(await assessor.Page.EvaluateAsync<bool>("() => window.injected === undefined"));
        Assert.Empty(assessor.Problems);
    }

    [Fact]
    public async Task Delegated_task_is_decided_by_the_delegate_on_the_assignees_behalf()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference, "eligibilityScreening");
        await using (var coordinator = await UiSession.StartAsync(app, "coordinator.almaty"))
        {
            await coordinator.GotoAsync("/tasks/" + task.TaskId);
            var form = coordinator.Page.Locator("#delegate-form");

            // Nobody named: the error next to the field, and nothing changes.
            var refused = await coordinator.Page.RunAndWaitForResponseAsync(
                () => form.Locator("button[type=submit]").ClickAsync(),
                r => r.Request.Method == "POST");
            Assert.Equal(400, refused.Status);
            await Assertions.Expect(coordinator.Page.Locator("#delegateId-error")).ToBeVisibleAsync();
            Assert.Null((await Tasks.GetAsync(task.TaskId))!.DelegateId);

            await coordinator.Page.Locator("#delegateId").FillAsync("headrehab.south");
            await coordinator.Page.Locator("#delegateComment").FillAsync("On leave this week.");
            await coordinator.Page.Locator("#delegate-form button[type=submit]").ClickAsync();
            await coordinator.WaitForPathAsync("/tasks");
            await Assertions.Expect(coordinator.Page.Locator("main [role=status]").First).ToContainTextAsync("The task has been delegated.");
            Assert.Equal("headrehab.south", (await Tasks.GetAsync(task.TaskId))!.DelegateId);
            Assert.Empty(coordinator.Problems);
        }

        await using var head = await UiSession.StartAsync(app, "headrehab.south");
        await Decisions.DecideAsync(head, "headrehab.south", reference, "eligibilityScreening", comment: "Eligible; decided for the coordinator.");
        var decided = await Tasks.GetAsync(task.TaskId);
        Assert.Equal((ApprovalTaskStatus.Decided, "headrehab.south", "coordinator.almaty"), (decided!.Status, decided.DecidedBy, decided.OnBehalfOf));
        await using var coordinatorAgain = await UiSession.StartAsync(app, "coordinator.almaty");
        await coordinatorAgain.GotoAsync("/cases/" + caseId);
        await Assertions.Expect(coordinatorAgain.Page.Locator("#case-timeline")).ToContainTextAsync(new Regex("Eligibility screening: Approve by .+ on behalf of .+"));
        Assert.Empty(head.Problems.Concat(coordinatorAgain.Problems));
    }

    [Fact]
    public async Task Inbox_filters_sorts_and_marks_overdue_tasks_after_the_clock_moves()
    {
        var (firstReference, _) = await Seeds.ReferralAsync(app);
        var first = await Waits.OpenTaskAsync(app, "coordinator.almaty", firstReference, "eligibilityScreening");
        await using var coordinator = await UiSession.StartAsync(app, "coordinator.almaty");
        await AdvanceClockAsync(coordinator, TimeSpan.FromDays(3));
        var (secondReference, _) = await Seeds.ReferralAsync(app);
        var second = await Waits.OpenTaskAsync(app, "coordinator.almaty", secondReference, "eligibilityScreening");
        Assert.True(second.Due > first.Due.AddHours(1), "The second task is due after the first.");

        // Past the first deadline, before the second.
        await AdvanceClockAsync(coordinator, first.Due.AddMinutes(30) - app.Service<TimeProvider>().GetUtcNow());
        var page = coordinator.Page;
        var firstRow = page.Locator($"#task-table tr[data-task-id='{first.TaskId}']");
        var secondRow = page.Locator($"#task-table tr[data-task-id='{second.TaskId}']");

        await coordinator.GotoAsync("/tasks");
        await Assertions.Expect(firstRow.Locator(".badge.overdue")).ToHaveTextAsync("Overdue");
        await Assertions.Expect(secondRow.Locator(".badge.overdue")).ToHaveCountAsync(0);
        await coordinator.ScreenshotAsync("inbox-overdue");

        await FilterAsync(coordinator, "#overdue", "yes");
        await Assertions.Expect(firstRow).ToHaveCountAsync(1);
        await Assertions.Expect(secondRow).ToHaveCountAsync(0);
        Assert.Equal(await page.Locator("#task-table tbody tr").CountAsync(), await page.Locator("#task-table tbody tr .badge.overdue").CountAsync());

        await FilterAsync(coordinator, "#overdue", "no");
        await Assertions.Expect(firstRow).ToHaveCountAsync(0);
        await Assertions.Expect(secondRow).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#task-table tbody tr .badge.overdue")).ToHaveCountAsync(0);

        await FilterAsync(coordinator, "#overdue", string.Empty);
        await FilterAsync(coordinator, "#kind", "Clarification");
        await Assertions.Expect(firstRow).ToHaveCountAsync(0);
        await Assertions.Expect(secondRow).ToHaveCountAsync(0);
        await FilterAsync(coordinator, "#kind", "Approval");
        await FilterAsync(coordinator, "#workflow", "referral");
        await Assertions.Expect(secondRow).ToHaveCountAsync(1);
        Assert.All(await page.Locator("#task-table tbody tr td:nth-child(2)").AllInnerTextsAsync(), w => Assert.Equal("Referral", w));

        foreach (var (sort, firstComesFirst) in new[] { ("due", true), ("-due", false), ("created", true), ("-created", false) })
        {
            await FilterAsync(coordinator, "#sort", sort);
            var order = await page.Locator("#task-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.taskId)");
            Assert.Equal(firstComesFirst, Array.IndexOf(order, first.TaskId) < Array.IndexOf(order, second.TaskId));
            var dues = await page.Locator("#task-table tbody tr td:nth-child(5) time").EvaluateAllAsync<string[]>("times => times.map(t => t.getAttribute('datetime'))");
            if (sort.EndsWith("due", StringComparison.Ordinal))
            {
                Assert.Equal(sort == "due" ? dues.Order(StringComparer.Ordinal) : dues.OrderDescending(StringComparer.Ordinal), dues);
            }
        }

        Assert.Empty(coordinator.Problems);
    }

    /// <summary>Chooses a filter and applies it, waiting for the inbox it asked for.</summary>
    private static async Task FilterAsync(UiSession session, string select, string value)
    {
        await session.Page.Locator(select).SelectOptionAsync(value);
        await session.Page.RunAndWaitForResponseAsync(
            () => session.Page.Locator("main form.filters button[type=submit]").ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Url.Contains("/tasks?", StringComparison.Ordinal));
        await Assertions.Expect(session.Page).ToHaveURLAsync(new Regex(Regex.Escape($"{select[1..]}={value}") + "(&|$)"));
        await session.Page.Locator("footer.site-footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private static async Task AdvanceClockAsync(UiSession session, TimeSpan by)
    {
        await session.GotoAsync("/development/clock");
        await session.Page.Locator("#by").FillAsync(XmlConvert.ToString(TimeSpan.FromSeconds(Math.Ceiling(by.TotalSeconds))));
        await session.Page.Locator("#clock-form button[type=submit]").ClickAsync();
        await Assertions.Expect(session.Page.Locator("main .notice.success")).ToBeVisibleAsync();
    }
}
