using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// The managed-identity path: service URIs and a TokenCredential instead of a connection string,
/// against an Azurite that takes bearer tokens over HTTPS (as Azure does with shared keys disabled).
/// </summary>
public sealed class CredentialTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Service_uris_with_a_token_credential_run_an_orchestration_on_bearer_tokens_alone()
    {
        var folder = Path.Combine(Path.GetTempPath(), "azurite-oauth-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var certificate = CreateCertificate(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
            await using var azurite = await AzuriteProcess.StartWithOAuthAsync(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"), Ct);
            var credential = new RecordingCredential();
            var requests = new AuthorizationRecorder();
            using var handler = new HttpClientHandler
            {
                // Trust exactly the emulator's self-signed certificate.
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            };
            using var transport = new HttpClientTransport(handler);

            await using (var h = await AzureStorageHarness.StartAsync("unused", TestOrchestrations.Register, storage: o =>
            {
                o.ConnectionString = null;
                o.TableServiceUri = azurite.TableServiceUri;
                o.QueueServiceUri = azurite.QueueServiceUri;
                o.BlobServiceUri = azurite.BlobServiceUri;
                o.Credential = credential;
                o.ConfigureClientOptions = options =>
                {
                    options.Transport = transport;
                    options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
                };
            }))
            {
                var id = await h.Client.ScheduleNewOrchestrationAsync("Test.Chain", 1, cancellationToken: Ct);
                var state = await h.WaitForStateAsync(id, s => s.RuntimeStatus.IsTerminal(), "completed");
                Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
                Assert.Equal("4", state.Output);
            }

            Assert.NotEmpty(credential.Scopes);
            Assert.All(credential.Scopes, scope => Assert.Equal("https://storage.azure.com/.default", scope));
            var seen = requests.Seen;
            Assert.All(seen, r => Assert.StartsWith("Bearer ", r.Authorization ?? string.Empty, StringComparison.Ordinal));
            Assert.Equal(
                new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort }.Order(),
                seen.Select(r => r.Uri.Port).Distinct().Order());
            Assert.All(seen, r => Assert.Equal(Uri.UriSchemeHttps, r.Uri.Scheme));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static X509Certificate2 CreateCertificate(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    /// <summary>
    /// Hands out unsigned tokens shaped like Microsoft Entra ID's (Azurite's basic OAuth checks issuer,
    /// audience and lifetime only) and records the scopes asked for.
    /// </summary>
    private sealed class RecordingCredential : TokenCredential
    {
        private readonly ConcurrentQueue<string> _scopes = new();

        public IReadOnlyList<string> Scopes => [.. _scopes];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                _scopes.Enqueue(scope);
            }

            var now = DateTimeOffset.UtcNow;
            var claims = new Dictionary<string, object>
            {
                ["aud"] = "https://storage.azure.com",
                ["iss"] = "https://sts.windows.net/00000000-0000-0000-0000-000000000001/",
                ["iat"] = now.ToUnixTimeSeconds(),
                ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
                ["oid"] = "00000000-0000-0000-0000-000000000002",
            };
            var token = $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Base64Url(JsonSerializer.Serialize(claims))}.unsigned";
            return new AccessToken(token, now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        private static string Base64Url(string text) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Records each request's URI and Authorization header as it leaves the pipeline.</summary>
    private sealed class AuthorizationRecorder : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<(Uri Uri, string? Authorization)> _seen = new();

        public IReadOnlyList<(Uri Uri, string? Authorization)> Seen => [.. _seen];

        public override void OnSendingRequest(HttpMessage message) =>
            _seen.Enqueue((message.Request.Uri.ToUri(), message.Request.Headers.TryGetValue("Authorization", out var value) ? value : null));
    }
}
