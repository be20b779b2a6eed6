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
        ["Workflows:Audit:ChainKey"] = "a-test-audit-chain-key-that-is-long-enough-0123456789",
    });

    private const string PublicHost = "workflows.example.org";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Development_user_header_is_ignored()
    {
        using var client = _app.ClientFor("admin.central");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Request(HttpMethod.Get, "/api/tasks"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Request(HttpMethod.Get, "/runtime/webhooks/durabletask/instances"))).StatusCode);
    }

    [Fact]
    public async Task Without_a_signing_key_the_app_does_not_start_and_names_the_setting()
    {
        await using var app = new WorkflowsAppFactory(azurite, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000002",
            ["Workflows:Audit:ChainKey"] = "a-test-audit-chain-key-that-is-long-enough-0123456789",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Workflows:ApprovalLinks:SigningKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_audit_chain_key_the_app_does_not_start_and_names_the_setting()
    {
        await using var app = new WorkflowsAppFactory(azurite, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000002",
            ["Workflows:ApprovalLinks:SigningKey"] = "a-test-signing-key-that-is-long-enough-0123456789",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Workflows:Audit:ChainKey", error.ToString(), StringComparison.Ordinal);
    }

    // Requests as they arrive from Container Apps' ingress: TLS ended there, the scheme forwarded.
    private static HttpRequestMessage Request(HttpMethod method, string path, bool https = true)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", https ? "https" : "http");
        return request;
    }

    [Theory]
    [InlineData("GET", "/dev/clock")]
    [InlineData("POST", "/dev/clock/advance?by=P14D")]
    [InlineData("GET", "/dev/directory")]
    [InlineData("GET", "/dev/outbox")]
    public async Task Development_endpoints_do_not_exist_and_answer_like_any_unknown_path(string method, string path)
    {
        // Not mapped at all: with the development header ignored, the caller is anonymous, and default
        // deny answers every path it does not know with 401, exactly as for a path that never existed.
        using var client = _app.ClientFor("admin.central");
        var response = await client.SendAsync(Request(new HttpMethod(method), path));
        var unknown = await client.SendAsync(Request(new HttpMethod(method), "/dev/never-existed"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(unknown.StatusCode, response.StatusCode);
    }

    [Fact]
    public async Task Posting_the_development_sign_in_form_is_404()
    {
        using var client = _app.ClientFor(null);

        using var request = Request(HttpMethod.Post, "/signin");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["PersonId"] = "admin.central" });

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), "No session may come out of it.");
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        using var client = _app.ClientFor(null);

        var response = await client.SendAsync(Request(HttpMethod.Get, "/api/tasks?overdue=true", https: false));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{PublicHost}/api/tasks?overdue=true", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Https_responses_carry_strict_transport_security()
    {
        using var client = _app.ClientFor(null);

        var response = await client.SendAsync(Request(HttpMethod.Get, "/healthz"));

        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "No HSTS header.");
        Assert.StartsWith("max-age=", Assert.Single(hsts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_the_platforms_plain_http_probe_without_a_redirect()
    {
        using var client = _app.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(HttpMethod.Get, "/healthz", https: false))).StatusCode);
    }
}
