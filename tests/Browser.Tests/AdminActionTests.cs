using Microsoft.Playwright;
using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Engine.History;

namespace Workflows.Browser.Tests;

/// <summary>
/// The administrators' actions in the browser, each through its confirmation page, seen in the inspector's
/// audit view; a reassignment with its audited reason; and a coordinator refused every administration page and action.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AdminActionTests(BrowserApp app)
{
    private OrchestrationClient Client => app.Service<OrchestrationClient>();

    [Fact]
    public async Task Suspend_raise_event_resume_terminate_restart_and_purge_are_confirmed_done_and_audited()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var instanceId = "referral-" + reference;
        await using var admin = await UiSession.StartAsync(app, "admin.central");

        await ActAsync(admin, instanceId, "suspend", "Suspend: duplicate suspected.");
        await ExpectStatusAsync(admin, instanceId, OrchestrationRuntimeStatus.Suspended, "Suspended");

        await ActAsync(admin, instanceId, "raise-event", "Raise: note for the record.", ("#eventName", "AdminNote"), ("#eventData", "{\"note\": 1}"));
        await ActAsync(admin, instanceId, "resume", "Resume: not a duplicate.");
        await ExpectStatusAsync(admin, instanceId, OrchestrationRuntimeStatus.Running, "Running");
        await Waits.UntilAsync(async () => (await Client.GetHistoryAsync(instanceId)).OfType<EventRaisedEvent>().FirstOrDefault(e => e.Name == "AdminNote"), "the raised event in the history");
        await admin.Page.ReloadAsync();
        await Assertions.Expect(admin.Page.Locator("#instance-history")).ToContainTextAsync("AdminNote");

        await ActAsync(admin, instanceId, "terminate", "Terminate: entered twice.");
        await ExpectStatusAsync(admin, instanceId, OrchestrationRuntimeStatus.Terminated, "Terminated");

        await ActAsync(admin, instanceId, "restart", "Restart: the second entry was withdrawn.");
        var restartedPath = new Uri(admin.Page.Url).AbsolutePath;
        Assert.NotEqual("/admin/instances/" + Uri.EscapeDataString(instanceId), restartedPath);
        var restarted = Uri.UnescapeDataString(restartedPath["/admin/instances/".Length..]);
        Assert.NotNull(await Client.GetInstanceAsync(restarted));

        await ActAsync(admin, instanceId, "purge", "Purge: the terminated copy.");
        Assert.Equal("/admin/instances", new Uri(admin.Page.Url).AbsolutePath);
        Assert.Null(await Client.GetInstanceAsync(instanceId));

        await using var inspector = await UiSession.StartAsync(app, "inspector.central");
        await inspector.GotoAsync("/cases/" + caseId + "/audit");
        var audit = inspector.Page.Locator("#audit-table tbody");
        foreach (var (action, reason) in new[]
                 {
                     ("Suspended by an administrator", "Suspend: duplicate suspected."),
                     ("Event raised by an administrator", "AdminNote: Raise: note for the record."),
                     ("Resumed by an administrator", "Resume: not a duplicate."),
                     ("Terminated by an administrator", "Terminate: entered twice."),
                     ("Restarted by an administrator", restarted + ": Restart: the second entry was withdrawn."),
                     ("History purged by an administrator", "Purge: the terminated copy."),
                 })
        {
            var row = audit.Locator("tr", new() { HasText = reason });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync(action);
            await Assertions.Expect(row).ToContainTextAsync("admin.central");
            await Assertions.Expect(row).ToContainTextAsync("instanceId=" + instanceId);
        }

        await Assertions.Expect(inspector.Page.Locator("#audit-verification")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("success"));
        Assert.Empty(admin.Problems.Concat(inspector.Problems));
    }

    [Fact]
    public async Task Restart_with_the_new_id_box_unticked_starts_the_instance_again_under_the_same_id()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var instanceId = "referral-" + reference;
        await Client.TerminateAsync(instanceId, "Entered twice.");
        var terminated = await Waits.UntilAsync(async () => await Client.GetInstanceAsync(instanceId) is { RuntimeStatus: OrchestrationRuntimeStatus.Terminated } s ? s : null, instanceId + " to be terminated");
        await using var admin = await UiSession.StartAsync(app, "admin.central");

        var path = "/admin/instances/" + Uri.EscapeDataString(instanceId);
        await admin.GotoAsync(path + "/actions/restart");
        await Assertions.Expect(admin.Page.Locator("#newInstanceId")).ToBeCheckedAsync();
        await admin.Page.Locator("#newInstanceId").UncheckAsync();
        await admin.Page.Locator("#reason").FillAsync("Restart: the first entry was the right one.");
        await admin.Page.Locator("#action-form button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Page.Locator("main .notice.success")).ToBeVisibleAsync();

        Assert.Equal(path, new Uri(admin.Page.Url).AbsolutePath);
        var restarted = await Client.GetInstanceAsync(instanceId);
        Assert.NotNull(restarted);
        Assert.NotEqual(terminated.ExecutionId, restarted.ExecutionId);
        Assert.NotEqual(OrchestrationRuntimeStatus.Terminated, restarted.RuntimeStatus);
        var entries = await app.Service<Workflows.Audit.IAuditLog>().ReadAsync(caseId);
        Assert.Contains(entries, e => e.Action == "Management.restart" && e.Reason == instanceId + ": Restart: the first entry was the right one.");
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task Purge_of_a_running_instance_is_not_offered_refused_when_posted_and_not_audited()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var instanceId = "referral-" + reference;
        var path = "/admin/instances/" + Uri.EscapeDataString(instanceId);
        await using var admin = await UiSession.StartAsync(app, "admin.central");

        await admin.GotoAsync(path);
        await Assertions.Expect(admin.Page.Locator("#instance-actions a[href$='/actions/terminate']")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Page.Locator("#instance-actions a[href$='/actions/purge']")).ToHaveCountAsync(0);

        await admin.GotoAsync(path + "/actions/purge");
        await Assertions.Expect(admin.Page.Locator("#action-refused")).ToContainTextAsync("only a completed, failed or terminated instance can be purged");
        await Assertions.Expect(admin.Page.Locator("#action-form")).ToHaveCountAsync(0);

        // Posted all the same (a page opened before the instance was restarted, or a crafted request).
        await admin.GotoAsync(path + "/actions/terminate");
        var token = await admin.Page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = admin.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("Reason", "Purge: should not happen.");
        var response = await admin.Context.APIRequest.PostAsync(path + "/actions/purge", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(409, response.Status);
        Assert.Contains("only a completed, failed or terminated instance can be purged", await response.TextAsync(), StringComparison.Ordinal);

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(instanceId))!.RuntimeStatus);
        var entries = await app.Service<Workflows.Audit.IAuditLog>().ReadAsync(caseId);
        Assert.DoesNotContain(entries, e => e.Action == "Management.purge");
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task Reassignment_moves_the_task_and_its_reason_is_audited()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        await using var admin = await UiSession.StartAsync(app, "admin.central");
        await admin.GotoAsync("/admin/instances/" + Uri.EscapeDataString(task.InstanceId));
        await admin.Page.Locator($"#instance-tasks a[href='/admin/tasks/{task.TaskId}/reassign']").ClickAsync();
        await admin.WaitForPathAsync($"/admin/tasks/{task.TaskId}/reassign");

        var holder = await admin.Page.Locator("#assigneeId optgroup option").First.GetAttributeAsync("value");
        Assert.NotNull(holder);
        Assert.NotEqual("coordinator.almaty", holder);
        await admin.Page.Locator("#assigneeId").SelectOptionAsync(holder);
        await admin.Page.Locator("#reason").FillAsync("Coordinator on leave until the 20th.");
        await admin.Page.Locator("#reassign-form button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Page.Locator("main .notice.success")).ToBeVisibleAsync();

        Assert.Equal(holder, (await app.Service<IApprovalTaskStore>().GetAsync(task.TaskId))!.AssigneeId);
        await Waits.OpenTaskAsync(app, holder!, reference);
        await using var inspector = await UiSession.StartAsync(app, "inspector.central");
        await inspector.GotoAsync("/cases/" + caseId + "/audit");
        var row = inspector.Page.Locator("#audit-table tbody tr", new() { HasText = "Coordinator on leave until the 20th." });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Reassigned");
        await Assertions.Expect(row).ToContainTextAsync("admin.central");
        await Assertions.Expect(row).ToContainTextAsync("to=" + holder);
    }

    [Fact]
    public async Task Coordinator_is_refused_the_administration_pages_and_their_actions()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        var instance = "/admin/instances/" + Uri.EscapeDataString("referral-" + reference);
        await using var coordinator = await UiSession.StartAsync(app, "coordinator.almaty");

        foreach (var path in new[] { "/admin", "/admin/instances", instance, instance + "/actions/terminate", instance + "/actions/purge", $"/admin/tasks/{task.TaskId}/reassign", "/admin/tasks/overdue", "/admin/tasks/escalations" })
        {
            Assert.Equal(403, await coordinator.GotoAsync(path));
            Assert.Equal("/forbidden", new Uri(coordinator.Page.Url).AbsolutePath);
        }

        // A valid anti-forgery token (from a form the coordinator may use): the refusal is the role's, not the token's.
        await coordinator.GotoAsync("/tasks");
        var token = await coordinator.Page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        foreach (var (path, fields) in new (string, string[])[]
                 {
                     (instance + "/actions/terminate", ["Reason", "Not mine to end."]),
                     (instance + "/actions/suspend", ["Reason", "Not mine to pause."]),
                     (instance + "/actions/purge", ["Reason", "Not mine to purge."]),
                     (instance + "/actions/raise-event", ["Reason", "Not mine.", "EventName", "AdminNote"]),
                     ($"/admin/tasks/{task.TaskId}/reassign", ["Reason", "Taking it over.", "AssigneeId", "assessor1.almaty"]),
                 })
        {
            var form = coordinator.Context.APIRequest.CreateFormData();
            form.Set("__RequestVerificationToken", token!);
            for (var i = 0; i < fields.Length; i += 2)
            {
                form.Set(fields[i], fields[i + 1]);
            }

            var response = await coordinator.Context.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
            Assert.True(response.Status is 302 or 403, $"POST {path} answered {response.Status}.");
            if (response.Status == 302)
            {
                Assert.StartsWith("/forbidden", new Uri(app.BaseAddress, response.Headers["location"]).AbsolutePath, StringComparison.Ordinal);
            }
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync("referral-" + reference))!.RuntimeStatus);
        Assert.Equal("coordinator.almaty", (await app.Service<IApprovalTaskStore>().GetAsync(task.TaskId))!.AssigneeId);
        var entries = await app.Service<Workflows.Audit.IAuditLog>().ReadAsync(caseId);
        Assert.DoesNotContain(entries, e => e.Action.StartsWith("Management.", StringComparison.Ordinal) || e.Action == Workflows.Audit.AuditActions.Reassigned);
    }

    /// <summary>Opens the action from the instance page's action list, fills the confirmation page and confirms.</summary>
    private static async Task ActAsync(UiSession admin, string instanceId, string action, string reason, params (string Selector, string Value)[] fields)
    {
        var page = admin.Page;
        await admin.GotoAsync("/admin/instances/" + Uri.EscapeDataString(instanceId));
        await page.Locator($"#instance-actions a[href$='/actions/{action}']").ClickAsync();
        await admin.WaitForPathAsync($"/admin/instances/{Uri.EscapeDataString(instanceId)}/actions/{action}");
        foreach (var (selector, value) in fields)
        {
            await page.Locator(selector).FillAsync(value);
        }

        await page.Locator("#reason").FillAsync(reason);
        await page.Locator("#action-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("main .notice.success")).ToBeVisibleAsync();
    }

    private async Task ExpectStatusAsync(UiSession admin, string instanceId, OrchestrationRuntimeStatus status, string text)
    {
        await Waits.UntilAsync(async () => await Client.GetInstanceAsync(instanceId) is { } s && s.RuntimeStatus == status ? s : null, $"{instanceId} to be {status}");
        await admin.Page.ReloadAsync();
        await Assertions.Expect(admin.Page.Locator("#instance-status")).ToHaveTextAsync(text);
    }
}
