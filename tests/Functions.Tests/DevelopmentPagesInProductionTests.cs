using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// Outside Development the development pages of the UI do not exist, even for a signed-in administrator
/// (a session cookie as Entra ID sign-in leaves it): the clock and the outbox answer 404 to reads and writes.
/// </summary>
public sealed class DevelopmentPagesInProductionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite, environment: "Production", settings: new Dictionary<string, string?>
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000001",
        ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000002",
        ["Workflows:ApprovalLinks:SigningKey"] = "a-test-signing-key-that-is-long-enough-0123456789",
        ["Workflows:Audit:ChainKey"] = "a-test-audit-chain-key-that-is-long-enough-0123456789",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("GET", "/development/clock")]
    [InlineData("POST", "/development/clock")]
    [InlineData("GET", "/development/outbox")]
    [InlineData("GET", "/development/outbox?recipient=me")]
    public async Task Development_page_is_404_for_a_signed_in_administrator(string method, string path)
    {
        using var client = SignedInAs("admin.central");
        using var content = method == "POST" ? new FormUrlEncodedContent([new("By", "P14D")]) : null;

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Signed_in_administrator_reaches_the_other_pages()
    {
        using var client = SignedInAs("admin.central");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    /// <summary>A client carrying the session cookie the app issues after an Entra ID sign-in.</summary>
    private HttpClient SignedInAs(string personId)
    {
        var options = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, personId), new Claim(ClaimTypes.Name, personId)], CookieAuthenticationDefaults.AuthenticationScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), CookieAuthenticationDefaults.AuthenticationScheme);
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add("Cookie", $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}");
        return client;
    }
}
