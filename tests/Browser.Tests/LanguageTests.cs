using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Workflows.Browser.Tests;

/// <summary>The six languages: the switcher remembers the choice, Arabic is laid out right to left, Arabic, Chinese and Russian text is drawn in a font that has its glyphs (never as missing-glyph boxes).</summary>
[Collection(BrowserTests.Name)]
public sealed partial class LanguageTests(BrowserApp app)
{
    [Fact]
    public async Task Arabic_renders_right_to_left_with_a_mirrored_layout()
    {
        await using var session = await UiSession.StartAsync(app, "referrer.almaty");
        await SwitchToAsync(session, "ar");

        var page = session.Page;
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"));
        Assert.Matches(Arabic(), await page.Locator("h1").InnerTextAsync());
        await Glyphs.AssertRenderedAsync(page, "main", Arabic(), "Arabic home page");
        var brand = await page.Locator(".brand").BoundingBoxAsync();
        var language = await page.Locator(".language-form").BoundingBoxAsync();
        Assert.True(brand!.X > language!.X, "In Arabic the brand sits on the right and the language switcher on the left.");

        await session.GotoAsync("/intake/referral");
        var label = await page.Locator("label[for=prisonerId]").BoundingBoxAsync();
        var input = await page.Locator("#prisonerId").BoundingBoxAsync();
        Assert.True(label!.X + label.Width > input!.X + input.Width - 2, "Labels align to the right edge of their fields.");
        Assert.Matches(Arabic(), await page.Locator("h1").InnerTextAsync());
        await session.ScreenshotAsync("intake-referral-ar");
    }

    [Fact]
    public async Task Chinese_and_Russian_render_their_scripts_and_the_choice_is_remembered()
    {
        await using var session = await UiSession.StartAsync(app, "referrer.almaty");
        await SwitchToAsync(session, "zh");
        await Assertions.Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "zh");
        Assert.Matches(Han(), await session.Page.Locator("h1").InnerTextAsync());
        await session.GotoAsync("/tasks");
        Assert.Matches(Han(), await session.Page.Locator("h1").InnerTextAsync());
        await Glyphs.AssertRenderedAsync(session.Page, "main", Han(), "Chinese inbox");
        await session.ScreenshotAsync("inbox-zh");

        await SwitchToAsync(session, "ru");
        await Assertions.Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        Assert.Matches(Cyrillic(), await session.Page.Locator("h1").InnerTextAsync());
        Assert.Equal("ltr", await session.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"));
        await Glyphs.AssertRenderedAsync(session.Page, "main", Cyrillic(), "Russian inbox");
        await session.ScreenshotAsync("inbox-ru");
    }

    [Fact]
    public async Task Browser_language_is_used_until_one_is_chosen_and_dates_follow_the_culture()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference);
        await using var session = await UiSession.StartAsync(app, "coordinator.almaty", locale: "fr-FR");
        await session.GotoAsync("/tasks/" + task.TaskId);
        await Assertions.Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        var due = await session.Page.Locator("#task-facts time").First.InnerTextAsync();
        Assert.Equal(task.Due.UtcDateTime.ToString("g", new System.Globalization.CultureInfo("fr")) + " UTC", due);
    }

    private static async Task SwitchToAsync(UiSession session, string language)
    {
        await session.GotoAsync("/");
        await session.Page.Locator("#language-select").SelectOptionAsync(language);
        await session.Page.Locator(".language-form button").ClickAsync();
        await Assertions.Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    [GeneratedRegex(@"\p{IsArabic}")]
    private static partial Regex Arabic();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();
}
