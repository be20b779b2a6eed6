using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Browser.Tests;

/// <summary>The administrators' instance list: the status, created-range and facility filters through the form, and paging that follows the engine's continuation tokens.</summary>
[Collection(BrowserTests.Name)]
public sealed partial class InstanceListTests(BrowserApp app)
{
    private OrchestrationClient Client => app.Service<OrchestrationClient>();

    [Fact]
    public async Task Status_created_range_and_facility_filters_list_only_the_matching_instances()
    {
        var (almaty, _) = await Seeds.ReferralAsync(app);
        var (kostanay, _) = await Seeds.ReferralAsync(app, facilityId: "kostanay");
        var (ended, _) = await Seeds.ReferralAsync(app);
        await Waits.OpenTaskAsync(app, "coordinator.almaty", ended);
        await Client.TerminateAsync("referral-" + ended, "Entered twice.");
        await Waits.UntilAsync(async () => await Client.GetInstanceAsync("referral-" + ended) is { RuntimeStatus: OrchestrationRuntimeStatus.Terminated } s ? s : null, "the terminated referral");
        await using var admin = await UiSession.StartAsync(app, "admin.central");
        var page = admin.Page;
        await admin.GotoAsync("/admin/instances");

        await page.Locator("#name").SelectOptionAsync("Referral");
        await page.Locator("#facility").SelectOptionAsync("kostanay");
        await ApplyAsync(admin, "facility=kostanay");
        var ids = await ListedAsync(admin);
        Assert.Contains("referral-" + kostanay, ids);
        Assert.DoesNotContain("referral-" + almaty, ids);
        foreach (var id in ids)
        {
            var state = await Client.GetInstanceAsync(id);
            Assert.Equal(("Referral", "kostanay"), (state!.Name, state.Tags[WorkflowNames.FacilityTag]));
        }

        await page.Locator("#facility").SelectOptionAsync(string.Empty);
        await page.Locator("#runtimeStatus").SelectOptionAsync(["Terminated"]);
        await ApplyAsync(admin, "runtimeStatus=Terminated");
        ids = await ListedAsync(admin);
        Assert.Contains("referral-" + ended, ids);
        Assert.DoesNotContain("referral-" + almaty, ids);
        Assert.All(await page.Locator("#instance-table tbody tr td:nth-child(3)").AllInnerTextsAsync(), status => Assert.Equal("Terminated", status));

        // The clock's today: from today includes the new instances; until yesterday excludes them.
        var today = app.Service<TimeProvider>().GetUtcNow().UtcDateTime.Date;
        await page.Locator("#runtimeStatus").SelectOptionAsync(Array.Empty<string>());
        await page.Locator("#createdFrom").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ApplyAsync(admin, "createdFrom=" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        ids = await ListedAsync(admin);
        Assert.Contains("referral-" + almaty, ids);
        Assert.Contains("referral-" + ended, ids);

        await page.Locator("#createdFrom").FillAsync(string.Empty);
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#createdTo").FillAsync(yesterday);
        await ApplyAsync(admin, "createdTo=" + yesterday);
        ids = await ListedAsync(admin);
        Assert.DoesNotContain("referral-" + almaty, ids);
        foreach (var id in ids)
        {
            Assert.True((await Client.GetInstanceAsync(id))!.CreatedAt < new DateTimeOffset(today, TimeSpan.Zero), id + " was created before today.");
        }

        // A date the form cannot send is refused with the field's error, and nothing is listed.
        Assert.Equal(400, await admin.GotoAsync("/admin/instances?createdFrom=2026-13-45"));
        await Assertions.Expect(page.Locator("#createdFrom-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#instance-table tbody tr")).ToHaveCountAsync(0);
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task Pages_follow_the_continuation_token_without_gaps_or_repeats()
    {
        var seeded = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            seeded.Add("referral-" + (await Seeds.ReferralAsync(app)).Reference);
        }

        var today = app.Service<TimeProvider>().GetUtcNow().UtcDateTime.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var admin = await UiSession.StartAsync(app, "admin.central");
        var page = admin.Page;
        await admin.GotoAsync($"/admin/instances?name=Referral&facility=almaty&createdFrom={today}");
        await page.Locator("#size").SelectOptionAsync("10");
        await ApplyAsync(admin, "size=10");
        await Assertions.Expect(page.Locator("#instance-table tbody tr")).ToHaveCountAsync(10);
        Assert.Equal(0, await page.Locator(".pager a:not([rel=next])").CountAsync());
        var first = await ListedAsync(admin);

        var listed = new List<string>(first);
        var pages = 1;
        while (await page.Locator(".pager a[rel=next]").CountAsync() == 1)
        {
            var next = (await page.Locator(".pager a[rel=next]").GetAttributeAsync("href"))!;
            Assert.Contains("size=10", next, StringComparison.Ordinal);
            Assert.Contains("facility=almaty", next, StringComparison.Ordinal);
            await page.Locator(".pager a[rel=next]").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(next) + "$"));
            await WholePageAsync(admin);
            var ids = await ListedAsync(admin);
            Assert.InRange(ids.Count, 1, 10);
            listed.AddRange(ids);
            pages++;
        }

        Assert.True(pages >= 2, "Twelve referrals fill more than one page of ten.");
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.All(seeded, id => Assert.Contains(id, listed));

        // Newest first, as the engine's index orders them, across pages.
        var created = new List<DateTimeOffset>();
        foreach (var id in listed)
        {
            created.Add((await Client.GetInstanceAsync(id))!.CreatedAt);
        }

        Assert.Equal(created.OrderByDescending(c => c), created);

        await page.Locator(".pager a:not([rel=next])").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("ct="));
        await WholePageAsync(admin);
        Assert.Equal(first, await ListedAsync(admin));
        Assert.Empty(admin.Problems);
    }

    /// <summary>Submits the filter form and waits for the list it asked for.</summary>
    private static async Task ApplyAsync(UiSession admin, string expectedInQuery)
    {
        await admin.Page.Locator("#instance-filters button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Page).ToHaveURLAsync(new Regex("/admin/instances\\?.*" + Regex.Escape(expectedInQuery)));
        await WholePageAsync(admin);
    }

    /// <summary>Waits until the new document is parsed to its end (the footer follows the list).</summary>
    private static Task WholePageAsync(UiSession admin) =>
        admin.Page.Locator("footer.site-footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static async Task<List<string>> ListedAsync(UiSession admin) =>
        [.. (await admin.Page.Locator("#instance-table tbody tr th a").AllInnerTextsAsync()).Select(t => t.Trim())];
}
