using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Workflows.Approvals;
using Workflows.Functions.Approvals;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// Production sign-in to the UI through Entra ID (Microsoft.Identity.Web's OpenID Connect handler): the
/// tenant's metadata is given as a static configuration, so nothing leaves the machine. Pages send an
/// anonymous browser to the tenant's authorize endpoint; the API answers 401 and never redirects.
/// </summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private const string TenantId = "7d3c1a52-4a4b-4f39-9a43-2b1c9c0e7a11";
    private const string ClientId = "5f0c9a8e-1d6b-4e0a-8f47-3c2d7b6e9a01";
    private const string Approver = "coordinator.almaty";
    private static readonly string Authority = $"https://login.microsoftonline.com/{TenantId}";
    private static readonly string AuthorizeEndpoint = Authority + "/oauth2/v2.0/authorize";

    private readonly WorkflowsAppFactory _app;

    public EntraSignInTests(AzuriteFixture azurite)
    {
        var metadata = new OpenIdConnectConfiguration
        {
            Issuer = Authority + "/v2.0",
            AuthorizationEndpoint = AuthorizeEndpoint,
            TokenEndpoint = Authority + "/oauth2/v2.0/token",
            EndSessionEndpoint = Authority + "/oauth2/v2.0/logout",
        };
        _app = new WorkflowsAppFactory(azurite, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = TenantId,
            ["AzureAd:ClientId"] = ClientId,
            ["AzureAd:ClientSecret"] = "test-client-secret",
            ["Workflows:ApprovalLinks:SigningKey"] = "a-test-signing-key-that-is-long-enough-0123456789",
            ["Workflows:Audit:ChainKey"] = "a-test-audit-chain-key-that-is-long-enough-0123456789",
            ["Workflows:ApprovalLinks:RequireSignIn"] = "true",
        }, services: services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
        {
            options.Configuration = metadata;
            options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
        }));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A browser: HTTPS as through the ingress, HTML accepted, redirects not followed.</summary>
    private HttpClient Browser()
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        browser.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return browser;
    }

    private static void AssertSentToEntraSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(AuthorizeEndpoint, location.GetLeftPart(UriPartial.Path));
        Assert.Contains($"client_id={ClientId}", location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_request_for_a_page_is_redirected_to_the_tenants_authorize_endpoint()
    {
        using var browser = Browser();

        var response = await browser.GetAsync("/");

        AssertSentToEntraSignIn(response);
    }

    [Fact]
    public async Task An_anonymous_api_call_is_401_without_a_redirect()
    {
        using var browser = Browser();

        var response = await browser.GetAsync("/api/tasks");

        Assert.Equal((HttpStatusCode.Unauthorized, (Uri?)null), (response.StatusCode, response.Headers.Location));
    }

    [Fact]
    public async Task An_approval_link_that_requires_sign_in_sends_an_anonymous_visitor_to_entra_and_decides_nothing()
    {
        var tasks = _app.Services.GetRequiredService<IApprovalTaskStore>();
        var clock = _app.Services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var taskId = "entra-" + Guid.NewGuid().ToString("N");
        await tasks.CreateAsync(new ApprovalTask
        {
            TaskId = taskId,
            Workflow = "referral",
            CaseId = "case-entra",
            CaseReference = "REF-2026-0001",
            InstanceId = "instance-entra",
            Step = "eligibilityScreening",
            AssigneeId = Approver,
            Role = "programmeCoordinator",
            FacilityId = "almaty",
            Due = now.AddDays(5),
            CreatedAt = now,
        });
        var link = await _app.Services.GetRequiredService<IApprovalLinks>().IssueAsync(taskId, Approver, now.AddDays(1));
        using var browser = Browser();

        var response = await browser.GetAsync(link.Approve.PathAndQuery);

        AssertSentToEntraSignIn(response);
        Assert.Equal(ApprovalTaskStatus.Open, (await tasks.GetAsync(taskId))!.Status);
    }
}
