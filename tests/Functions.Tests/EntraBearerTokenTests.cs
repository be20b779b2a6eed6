using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// The production API path with Entra ID tokens: Microsoft.Identity.Web's JWT bearer handler validates
/// tokens signed by a local key standing in for the tenant's signing key (the metadata Entra would serve —
/// issuer and signing key — is given as a static configuration; nothing leaves the machine), and the directory maps the signed-in
/// person to their roles and facilities.
/// </summary>
public sealed class EntraBearerTokenTests : IAsyncLifetime
{
    private const string TenantId = "7d3c1a52-4a4b-4f39-9a43-2b1c9c0e7a11";
    private const string ClientId = "5f0c9a8e-1d6b-4e0a-8f47-3c2d7b6e9a01";
    private static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";

    private readonly RsaSecurityKey _tenantKey = new(RSA.Create(2048)) { KeyId = "tenant-key" };
    private readonly WorkflowsAppFactory _app;

    public EntraBearerTokenTests(AzuriteFixture azurite)
    {
        var metadata = new OpenIdConnectConfiguration { Issuer = Issuer };
        metadata.SigningKeys.Add(_tenantKey);
        _app = new WorkflowsAppFactory(azurite, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = TenantId,
            ["AzureAd:ClientId"] = ClientId,
            ["Workflows:ApprovalLinks:SigningKey"] = "a-test-signing-key-that-is-long-enough-0123456789",
            ["Workflows:Audit:ChainKey"] = "a-test-audit-chain-key-that-is-long-enough-0123456789",
        }, services: services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.Configuration = metadata;
            options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);

            // Entra's issuer validator first accepts the issuers it is given, then asks the tenant's metadata
            // endpoint (unreachable here) for the issuer: give it the one that endpoint serves for this tenant.
            options.TokenValidationParameters.ValidIssuers = [Issuer];
        }));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Token_of_a_directory_person_reads_their_tasks()
    {
        using var client = Client(Token("coordinator.almaty@dev.workflows.local"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Theory]
    [InlineData("admin.central@dev.workflows.local", HttpStatusCode.OK)]
    [InlineData("coordinator.almaty@dev.workflows.local", HttpStatusCode.Forbidden)]
    public async Task Management_api_follows_the_directory_roles_of_the_token_holder(string email, HttpStatusCode expected)
    {
        using var client = Client(Token(email));
        Assert.Equal(expected, (await client.GetAsync("/runtime/webhooks/durabletask/instances")).StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        using var client = Client(Token("admin.central@dev.workflows.local", expires: DateTime.UtcNow.AddMinutes(-10)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused()
    {
        using var client = Client(Token("admin.central@dev.workflows.local", audience: "api://someone-else"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_refused()
    {
        using var client = Client(Token("admin.central@dev.workflows.local", key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "tenant-key" }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Token_from_another_tenant_is_refused()
    {
        using var client = Client(Token("admin.central@dev.workflows.local", issuer: "https://login.microsoftonline.com/0b6f2d4e-9c1a-4d7e-8f3b-5a2c1e9d8b70/v2.0"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Token_without_scope_or_app_role_is_refused()
    {
        using var client = Client(Token("admin.central@dev.workflows.local", scope: null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Valid_token_of_someone_outside_the_directory_has_no_rights()
    {
        using var client = Client(Token("stranger@elsewhere.example"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/runtime/webhooks/durabletask/instances")).StatusCode);
    }

    private HttpClient Client(string token)
    {
        var client = _app.ClientFor(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string Token(string email, DateTime? expires = null, string? audience = null, SecurityKey? key = null, string? issuer = null, string? scope = "access_as_user")
    {
        var claims = new Dictionary<string, object>
        {
            ["oid"] = Guid.NewGuid().ToString(),
            ["tid"] = TenantId,
            ["preferred_username"] = email,
            ["ver"] = "2.0",
        };
        if (scope is not null)
        {
            claims["scp"] = scope;
        }

        var end = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? ClientId,
            Claims = claims,
            IssuedAt = end.AddHours(-2),
            NotBefore = end.AddHours(-2),
            Expires = end,
            SigningCredentials = new SigningCredentials(key ?? _tenantKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
