using System.Net;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>Outside Development the development sign-in, the X-Dev-User header and the /dev endpoints do not exist.</summary>
public sealed class ProductionEnvironmentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite, environment: "Production", settings: new Dictionary<string, string?>
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000001",
        ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000002",
        ["Workflows:ApprovalLinks:SigningKey"] = "a-test-signing-key-that-is-long-enough-0123456789",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Development_user_header_is_ignored()
    {
        using var client = _app.ClientFor("admin.central");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/runtime/webhooks/durabletask/instances")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/dev/clock")]
    [InlineData("POST", "/dev/clock/advance?by=P14D")]
    [InlineData("GET", "/dev/directory")]
    [InlineData("GET", "/dev/outbox")]
    public async Task Development_endpoints_do_not_exist(string method, string path)
    {
        using var client = _app.ClientFor("admin.central");
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_still_answers()
    {
        using var client = _app.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
