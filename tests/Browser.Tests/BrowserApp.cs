using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflows.Testing.Azurite;

namespace Workflows.Browser.Tests;

/// <summary>
/// One app and one Chromium for every browser test (a collection fixture): the app on Kestrel at a free
/// port, and Debian's Chromium driven by Playwright (its own browser download is never used).
/// </summary>
public sealed class BrowserApp(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>Where Chromium is; <c>WORKFLOWS_CHROMIUM</c> overrides it.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("WORKFLOWS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private KestrelAppFactory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => _factory!.BaseAddress;

    public IServiceProvider Services => _factory!.Services;

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. Install Debian's package (apt-get install chromium) or set WORKFLOWS_CHROMIUM to a Chromium binary. Never run 'playwright install': its download cannot work here.");
        }

        _factory = new KestrelAppFactory(azurite.ConnectionString, FreePort());
        _factory.UseKestrel(_factory.BaseAddress.Port);
        _factory.StartServer();
        _playwright = await Playwright.CreateAsync();

        // Expectations retry until true; the default 5 s is too short for a workflow step on a loaded machine.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The browser tests share one app and one browser and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
