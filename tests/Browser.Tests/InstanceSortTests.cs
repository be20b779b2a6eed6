using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Browser.Tests;

/// <summary>The instance list's order: newest first as the engine's index walks, oldest first when the filter matches few enough instances.</summary>
[Collection(BrowserTests.Name)]
public sealed class InstanceSortTests(BrowserApp app)
{
    [Fact]
    public async Task Oldest_first_lists_every_matching_instance_in_creation_order_across_pages()
    {
        var seeded = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            seeded.Add("referral-" + (await Seeds.ReferralAsync(app, facilityId: "kostanay")).Reference);
        }

        var today = app.Service<TimeProvider>().GetUtcNow().UtcDateTime.Date;
        var query = new InstanceQuery { Name = "Referral", CreatedFrom = new DateTimeOffset(today, TimeSpan.Zero), Tags = new Dictionary<string, string> { [WorkflowNames.FacilityTag] = "kostanay" } };
        await using var admin = await UiSession.StartAsync(app, "admin.central");
        var page = admin.Page;
        await admin.GotoAsync($"/admin/instances?name=Referral&facility=kostanay&createdFrom={today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&size=10");
        await page.Locator("#sort").SelectOptionAsync("oldest");
        await page.Locator("#instance-filters button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=oldest"));
        await Assertions.Expect(page.Locator("#sort")).ToHaveValueAsync("oldest");

        var listed = new List<string>(await ListedAsync(admin));
        while (await page.Locator(".pager a[rel=next]").CountAsync() == 1)
        {
            var next = (await page.Locator(".pager a[rel=next]").GetAttributeAsync("href"))!;
            Assert.Contains("sort=oldest", next, StringComparison.Ordinal);
            await page.Locator(".pager a[rel=next]").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(next) + "$"));
            await page.Locator("footer.site-footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            listed.AddRange(await ListedAsync(admin));
        }

        var newestFirst = (await app.Service<OrchestrationClient>().QueryInstancesAsync(query with { PageSize = 1000 })).Instances.Select(i => i.InstanceId).ToList();
        Assert.All(seeded, id => Assert.Contains(id, listed));
        Assert.Equal(Enumerable.Reverse(newestFirst), listed);
        await Assertions.Expect(page.Locator("#sort-notice")).ToHaveCountAsync(0);
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task A_page_link_the_engine_cannot_read_lists_the_first_page_instead_of_failing()
    {
        await Seeds.ReferralAsync(app);
        await using var admin = await UiSession.StartAsync(app, "admin.central");

        await admin.GotoAsync("/admin/instances?name=Referral&size=10");
        var firstPage = await ListedAsync(admin);

        Assert.Equal(200, await admin.GotoAsync("/admin/instances?name=Referral&size=10&ct=10"));

        Assert.NotEmpty(firstPage);
        Assert.Equal(firstPage, await ListedAsync(admin));
        await Assertions.Expect(admin.Page.Locator(".pager a:not([rel=next])")).ToHaveCountAsync(0);
        Assert.Empty(admin.Problems);
    }

    private static async Task<List<string>> ListedAsync(UiSession admin) =>
        [.. (await admin.Page.Locator("#instance-table tbody tr th a").AllInnerTextsAsync()).Select(t => t.Trim())];
}
