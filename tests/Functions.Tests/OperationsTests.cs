using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>Security headers, the health endpoint and the OpenAPI document.</summary>
public sealed class OperationsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("coordinator.almaty", "/api/tasks")]
    [InlineData("coordinator.almaty", "/api/cases/case-does-not-exist")]
    [InlineData(null, "/api/tasks")]
    public async Task Api_responses_carry_the_security_headers(string? user, string path)
    {
        using var client = _app.ClientFor(user);

        var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore, "API answers carry case data: never stored in caches.");
    }

    [Fact]
    public async Task Health_tells_anyone_the_status_backlog_and_partitions_but_not_the_deployment_details()
    {
        using var anonymous = _app.ClientFor(null);

        var response = await anonymous.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
        var engine = body.GetProperty("checks").GetProperty("engine");
        Assert.Equal(["backlog", "partitionsOwned"], engine.GetProperty("data").EnumerateObject().Select(p => p.Name).Order());
        Assert.True(engine.GetProperty("data").GetProperty("backlog").GetInt64() >= 0);
    }

    [Fact]
    public async Task Health_shows_an_administrator_the_host_and_each_queue()
    {
        using var admin = _app.ClientFor("admin.central");

        var body = await admin.GetFromJsonAsync<JsonElement>("/healthz");

        var data = body.GetProperty("checks").GetProperty("engine").GetProperty("data");
        Assert.True(data.TryGetProperty("hostId", out _));
        Assert.Contains(data.EnumerateObject(), p => p.Name.StartsWith("queue.", StringComparison.Ordinal));
        Assert.True(data.TryGetProperty("partitionsOwned", out _));
    }

    [Fact]
    public async Task Health_is_503_when_storage_does_not_answer()
    {
        // Only the health check's queue client points at a closed port; the rest of the app is sound.
        await using var app = new WorkflowsAppFactory(azurite, services: services => services.AddSingleton(new QueueServiceClient(
            new Uri("http://127.0.0.1:9/devstoreaccount1"),
            new StorageSharedKeyCredential("devstoreaccount1", Workflows.Testing.Azurite.AzuriteProcess.AccountKey),
            new QueueClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } })));
        using var anonymous = app.ClientFor(null);

        var response = await anonymous.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("engine").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/referrals", "evidenceNarrative")]
    [InlineData("/api/cso-access-requests", "programmeDescription")]
    [InlineData("/api/pre-release-plans", "releaseDate")]
    [InlineData("/api/repatriation-cases", "members")]
    [InlineData("/api/complaints", "description")]
    [InlineData("/api/tasks/{taskId}/decision", "reasonCodes")]
    [InlineData("/api/cases/{caseId}/withdraw", "reason")]
    [InlineData("/api/pre-release-plans/{caseId}/plan", "supervisionConditions")]
    public async Task The_openapi_document_describes_the_request_body_of(string path, string property)
    {
        using var anonymous = _app.ClientFor(null);

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty(path).GetProperty("post");
        var body = Resolve(document, post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.True(body.GetProperty("properties").TryGetProperty(property, out _), $"{path}: the request schema lacks {property}: {body}");
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _), $"{path} does not document its 400");
    }

    [Fact]
    public async Task The_openapi_document_shows_the_202_of_an_intake_and_the_multipart_referral()
    {
        using var anonymous = _app.ClientFor(null);

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty("/api/referrals").GetProperty("post");
        var multipart = post.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal(["attachmentTiers", "attachments", "request"], multipart.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var accepted = Resolve(document, post.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.True(accepted.GetProperty("properties").TryGetProperty("statusQueryGetUri", out _));
        Assert.True(accepted.GetProperty("properties").TryGetProperty("caseId", out _));
    }

    // A schema is inline or a reference to the document's components.
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;
}
