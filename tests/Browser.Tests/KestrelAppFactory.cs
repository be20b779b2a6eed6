using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflows.Browser.Tests;

/// <summary>
/// The real app (Program) served by Kestrel on a free loopback port, against the shared Azurite, with
/// its own task hub and table prefix, the development environment and clock, and generous rate limits
/// (every sign-in of the run comes from 127.0.0.1).
/// </summary>
public sealed class KestrelAppFactory(string connectionString, int port) : WebApplicationFactory<Program>
{
    private readonly string _hub = "ui" + Guid.NewGuid().ToString("N")[..12];

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Workflows:Storage:ConnectionString", connectionString);
        builder.UseSetting("Workflows:Storage:TaskHub", _hub);
        builder.UseSetting("Workflows:Storage:MinPollingInterval", "00:00:00.020");
        builder.UseSetting("Workflows:Storage:TimerPollingInterval", "00:00:00.200");
        builder.UseSetting("Workflows:Domain:TablePrefix", _hub);
        builder.UseSetting("Workflows:Domain:ContainerPrefix", _hub);
        builder.UseSetting("Workflows:PublicBaseUrl", BaseAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Workflows:Development:ClockStateFile", string.Empty);
        builder.UseSetting("Workflows:RateLimits:PublicEntryPerMinute", "100000");
        builder.UseSetting("Workflows:RateLimits:ApiPerMinute", "100000");
    }
}
