using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>
/// A local Bot Framework: OpenID metadata and signing keys (a test RSA key) at https://login.botframework.test,
/// the token endpoint, and a Bot Connector at https://smba.test/teams/. Creates channel tokens signed with
/// the published key (or another key, to test rejection).
/// </summary>
public sealed class FakeBotFramework : IDisposable
{
    public const string BotAppId = "a3b1c2d4-0000-4000-8000-00000000b07a";
    public const string TenantId = "7e57e57e-0000-4000-8000-000000000001";
    public const string MetadataUrl = "https://login.botframework.test/v1/.well-known/openidconfiguration";
    public const string TokenEndpoint = "https://login.botframework.test/botframework.com/oauth2/v2.0/token";
    public const string Issuer = "https://api.botframework.com";
    public const string ServiceUrl = "https://smba.test/teams/";
    public const string ConnectorPrefix = "smba.test/teams/v3/";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _otherRsa = RSA.Create(2048);
    private readonly Dictionary<string, string> _members = new(StringComparer.Ordinal);
    private readonly string[] _endorsements;

    /// <param name="clock">The clock requests are recorded on.</param>
    /// <param name="endorsements">The channels the published key is endorsed for (Teams only by default).</param>
    public FakeBotFramework(TimeProvider? clock = null, string[]? endorsements = null)
    {
        _endorsements = endorsements ?? ["msteams"];
        Key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
        OtherKey = new RsaSecurityKey(_otherRsa) { KeyId = "test-key-1" };
        Handler = new FakeHttpHandler(clock)
            .On(HttpMethod.Get, "login.botframework.test/v1/.well-known/openidconfiguration", HttpStatusCode.OK, new JsonObject
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = "https://login.botframework.test/v1/.well-known/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            }.ToJsonString())
            .On(HttpMethod.Get, "login.botframework.test/v1/.well-known/keys", HttpStatusCode.OK, Jwks())
            .On(HttpMethod.Post, "login.botframework.test/botframework.com/oauth2/v2.0/token", HttpStatusCode.OK, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"bot-outgoing-token\"}")
            .On(HttpMethod.Get, "smba.test/teams/v3/conversations/", (request, _) => MemberResponse(request));
    }

    public FakeHttpHandler Handler { get; }

    public RsaSecurityKey Key { get; }

    /// <summary>A different key with the same key id: a forged signature.</summary>
    public RsaSecurityKey OtherKey { get; }

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Workflows:Teams:BotAppId"] = BotAppId,
        ["Workflows:Teams:BotAppPassword"] = "bot-secret",
        ["Workflows:Teams:BotTenantId"] = TenantId,
        ["Workflows:Teams:OpenIdMetadataUrl"] = MetadataUrl,
        ["Workflows:Teams:TokenEndpoint"] = TokenEndpoint,
        ["Workflows:Teams:ServiceUrl"] = ServiceUrl,
    };

    /// <summary>A channel token as the Bot Framework issues it, with parts a test can spoil.</summary>
    public string Token(string issuer = Issuer, string audience = BotAppId, DateTime? expires = null, SecurityKey? key = null, string serviceUrl = ServiceUrl)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = expiry.AddHours(-1),
            IssuedAt = expiry.AddHours(-1),
            Expires = expiry,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>An <c>adaptiveCard/action</c> invoke from a Teams user; reason codes as Teams sends a multi-select (comma-separated).</summary>
    public static JsonObject CardAction(string verb, string taskId, string fromMri, string aadObjectId, string? comment = null, string locale = "en-US", string channelId = "msteams", string tenantId = TenantId, string? reasonCodes = null)
    {
        var data = new JsonObject { ["taskId"] = taskId };
        if (comment is not null)
        {
            data["comment"] = comment;
        }

        if (reasonCodes is not null)
        {
            data["reasonCodes"] = reasonCodes;
        }

        return new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "adaptiveCard/action",
            ["id"] = "f:" + Guid.NewGuid().ToString("N"),
            ["channelId"] = channelId,
            ["serviceUrl"] = ServiceUrl,
            ["locale"] = locale,
            ["from"] = new JsonObject { ["id"] = fromMri, ["name"] = "Someone", ["aadObjectId"] = aadObjectId },
            ["recipient"] = new JsonObject { ["id"] = "28:" + BotAppId, ["name"] = "Workflows" },
            ["conversation"] = new JsonObject { ["id"] = "a:personal-" + aadObjectId, ["conversationType"] = "personal", ["tenantId"] = tenantId },
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            },
        };
    }

    /// <summary>Makes the Bot Connector describe a member (Teams gives the email and UPN).</summary>
    public void Member(string mri, string email, string aadObjectId)
    {
        lock (_members)
        {
            _members[mri] = new JsonObject { ["id"] = mri, ["name"] = "Member", ["aadObjectId"] = aadObjectId, ["email"] = email, ["userPrincipalName"] = email }.ToJsonString();
        }
    }

    public void Dispose()
    {
        Handler.Dispose();
        _rsa.Dispose();
        _otherRsa.Dispose();
    }

    private HttpResponseMessage MemberResponse(RecordedRequest request)
    {
        var mri = Uri.UnescapeDataString(request.Uri.AbsolutePath[(request.Uri.AbsolutePath.LastIndexOf('/') + 1)..]);
        lock (_members)
        {
            return _members.TryGetValue(mri, out var member) ? FakeHttpHandler.Json(HttpStatusCode.OK, member) : FakeHttpHandler.Json(HttpStatusCode.NotFound);
        }
    }

    private string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "test-key-1" });
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = jwk.Kid,
                ["n"] = jwk.N,
                ["e"] = jwk.E,
                ["endorsements"] = new JsonArray(_endorsements.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
            }),
        }.ToJsonString(new JsonSerializerOptions());
    }
}
