using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Workflows.Browser.Tests;

/// <summary>
/// One person in one browser context: signs in through the development sign-in page, keeps the chosen
/// language, records Content Security Policy violations and page errors, and takes screenshots.
/// </summary>
public sealed class UiSession : IAsyncDisposable
{
    // Generous: a decision is several Azurite round trips, and a loaded CI machine is slow. Never a sleep.
    private static readonly TimeSpan NavigationTimeout = TimeSpan.FromSeconds(60);
    private readonly List<string> _problems = [];

    private UiSession(BrowserApp app, IBrowserContext context, IPage page)
    {
        App = app;
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _problems.Add(error);
    }

    public BrowserApp App { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>CSP violations and script errors seen so far.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Opens a context (English browser unless told otherwise) and signs in as <paramref name="personId"/> when given.</summary>
    public static async Task<UiSession> StartAsync(BrowserApp app, string? personId, string locale = "en-GB")
    {
        ArgumentNullException.ThrowIfNull(app);
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout((float)NavigationTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)NavigationTimeout.TotalMilliseconds);
        var session = new UiSession(app, context, await context.NewPageAsync());
        if (personId is not null)
        {
            await session.SignInAsync(personId);
        }

        return session;
    }

    public async Task SignInAsync(string personId)
    {
        await Page.GotoAsync("/signin");
        await Page.SelectOptionAsync("#PersonId", personId);
        await Page.Locator("main form button[type=submit]").ClickAsync();
        await WaitForAsync(path => !path.StartsWith("/signin", StringComparison.Ordinal), "a page other than /signin");
    }

    /// <summary>Waits until the page is at <paramref name="path"/>; when it is not, fails with what the page says instead.</summary>
    public Task WaitForPathAsync(string path) => WaitForAsync(p => p == path, path);

    /// <summary>Waits until the page's path starts with <paramref name="prefix"/> (a confirmation page with an id, a link's page).</summary>
    public Task WaitForPathStartingWithAsync(string prefix) =>
        WaitForAsync(p => p.StartsWith(prefix, StringComparison.Ordinal), prefix + "…");

    /// <summary>Goes to a path and answers the response status.</summary>
    public async Task<int> GotoAsync(string path)
    {
        // The document is what the tests read; waiting for every subresource's load event only adds ways to stall.
        var response = await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        return response?.Status ?? 0;
    }

    /// <summary>
    /// Waits until the main frame has committed a navigation to a path that <paramref name="matches"/>. Only the
    /// commit is awaited, through the page's own navigation events: the locators that read the page wait for
    /// their elements. (Playwright's WaitForURL with Commit falls back to awaiting the load event when the URL
    /// already matches, and a load event Chromium reports late stalled journeys.)
    /// </summary>
    private async Task WaitForAsync(Func<string, bool> matches, string expected)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == Page.MainFrame && matches(new Uri(frame.Url).AbsolutePath))
            {
                reached.TrySetResult();
            }
        }

        Page.FrameNavigated += OnNavigated;
        try
        {
            if (matches(new Uri(Page.Url).AbsolutePath))
            {
                return;
            }

            await reached.Task.WaitAsync(NavigationTimeout);
        }
        catch (TimeoutException)
        {
            var said = await Page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"Expected {expected}, still at {Page.Url}: {said[..Math.Min(said.Length, 600)]}");
        }
        finally
        {
            Page.FrameNavigated -= OnNavigated;
        }
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots (never committed).</summary>
    public async Task ScreenshotAsync(string name)
    {
        System.IO.Directory.CreateDirectory(Paths.Screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Paths.Screenshots, name + ".png"), FullPage = true });
    }

    /// <summary>axe-core's serious and critical violations on the current page (WCAG 2.1 A and AA rules).</summary>
    public async Task<IReadOnlyList<string>> SeriousViolationsAsync()
    {
        var result = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")
            .ToList();
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
