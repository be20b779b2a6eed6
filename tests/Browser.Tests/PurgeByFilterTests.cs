using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Browser.Tests;

/// <summary>
/// Purge by filter from the instance list: administrators only, confirmed with a reason, only finished instances,
/// the number deleted shown, and each purge in its case's audit trail.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PurgeByFilterTests(BrowserApp app)
{
    private OrchestrationClient Client => app.Service<OrchestrationClient>();

    [Fact]
    public async Task Purge_by_filter_deletes_the_finished_instances_it_matches_and_audits_each()
    {
        var (first, firstCase) = await Seeds.ReferralAsync(app, facilityId: "kostanay");
        var (second, _) = await Seeds.ReferralAsync(app, facilityId: "kostanay");
        var (live, _) = await Seeds.ReferralAsync(app, facilityId: "kostanay");
        foreach (var reference in new[] { first, second, live })
        {
            await Waits.UntilAsync(async () => await Client.GetInstanceAsync("referral-" + reference) is { RuntimeStatus: OrchestrationRuntimeStatus.Running } s ? s : null, reference + " to run");
        }

        foreach (var reference in new[] { first, second })
        {
            await Client.TerminateAsync("referral-" + reference, "Entered twice.");
            await Waits.UntilAsync(async () => await Client.GetInstanceAsync("referral-" + reference) is { RuntimeStatus: OrchestrationRuntimeStatus.Terminated } s ? s : null, reference + " to be terminated");
        }

        var today = app.Service<TimeProvider>().GetUtcNow().UtcDateTime.Date;
        var finished = new InstanceQuery
        {
            Name = "Referral",
            CreatedFrom = new DateTimeOffset(today, TimeSpan.Zero),
            RuntimeStatus = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled],
            Tags = new Dictionary<string, string> { [WorkflowNames.FacilityTag] = "kostanay" },
        };
        var expected = await Client.CountInstancesAsync(finished);
        Assert.True(expected >= 2);

        await using var admin = await UiSession.StartAsync(app, "admin.central");
        var page = admin.Page;
        await admin.GotoAsync($"/admin/instances?name=Referral&facility=kostanay&createdFrom={today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await page.Locator("#purge-by-filter").ClickAsync();
        await admin.WaitForPathAsync("/admin/purge");
        await Assertions.Expect(page.Locator("#purge-matching")).ToHaveTextAsync($"Finished instances these filters match: {expected.ToString("N0", CultureInfo.GetCultureInfo("en"))}.");

        // The reason is required: refused without one, and nothing is deleted.
        await page.Locator("#reason").EvaluateAsync("e => e.removeAttribute('required')");
        await page.Locator("#purge-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        Assert.NotNull(await Client.GetInstanceAsync("referral-" + first));

        await page.Locator("#reason").FillAsync("Duplicates entered during the training session.");
        await page.Locator("#purge-form button[type=submit]").ClickAsync();
        await admin.WaitForPathAsync("/admin/instances");
        await Assertions.Expect(page.Locator("#purge-result")).ToContainTextAsync($"Instances purged: {expected.ToString("N0", CultureInfo.GetCultureInfo("en"))}.");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("facility=kostanay"));

        Assert.Null(await Client.GetInstanceAsync("referral-" + first));
        Assert.Null(await Client.GetInstanceAsync("referral-" + second));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync("referral-" + live))!.RuntimeStatus);
        var audit = app.Service<IAuditLog>();
        var purged = Assert.Single(await audit.ReadAsync(firstCase), e => e.Action == "Management.purge");
        Assert.Equal(("admin.central", "Duplicates entered during the training session.", "referral-" + first), (purged.ActorId, purged.Reason, purged.Ids["instanceId"]));
        Assert.Contains(await audit.ReadAsync("system"), e => e.Action == "Management.purge-by-filter" && e.Reason!.StartsWith(expected.ToString(CultureInfo.InvariantCulture) + " (", StringComparison.Ordinal));
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task Purge_by_filter_is_refused_without_a_filter_or_for_live_statuses_only()
    {
        await using var admin = await UiSession.StartAsync(app, "admin.central");
        Assert.Equal(400, await admin.GotoAsync("/admin/purge"));
        await Assertions.Expect(admin.Page.Locator("#purge-refused")).ToContainTextAsync("Choose at least one filter");
        await Assertions.Expect(admin.Page.Locator("#purge-form")).ToHaveCountAsync(0);

        Assert.Equal(400, await admin.GotoAsync("/admin/purge?runtimeStatus=Running&runtimeStatus=Suspended"));
        await Assertions.Expect(admin.Page.Locator("#purge-refused")).ToContainTextAsync("only instances that have not finished");
        await Assertions.Expect(admin.Page.Locator("#purge-form")).ToHaveCountAsync(0);
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task Purge_by_filter_is_for_administrators_only()
    {
        await using var coordinator = await UiSession.StartAsync(app, "coordinator.almaty");
        Assert.Equal(403, await coordinator.GotoAsync("/admin/purge?name=Referral"));
        Assert.Equal("/forbidden", new Uri(coordinator.Page.Url).AbsolutePath);
    }
}
