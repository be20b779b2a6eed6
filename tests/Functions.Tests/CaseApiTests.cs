using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary><c>GET /api/cases/{id}</c> returns only the tiers the caller may read, and audits each sensitive read.</summary>
public sealed class CaseApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);
    private string _caseId = string.Empty;

    /// <summary>A referral with two attachments: one of the workflow tier, one of the intelligence tier.</summary>
    public async ValueTask InitializeAsync()
    {
        using var referrer = _app.ClientFor("referrer.almaty");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(CaseSteps.Sample("referral.json"), Encoding.UTF8, "application/json"), "request" },
            { Pdf(pdf), "attachments", "observation.pdf" },
            { new StringContent("Workflow"), "attachmentTiers" },
            { Pdf(pdf), "attachments", "intelligence-report.pdf" },
            { new StringContent("Intelligence"), "attachmentTiers" },
        };
        var response = await referrer.PostAsync("/api/referrals", form);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        _caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;

        // The screener becomes a participant of the case when the task opens.
        await CaseSteps.OpenTaskAsync(_app, _caseId, "eligibilityScreening");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static ByteArrayContent Pdf(byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return file;
    }

    private async Task<JsonElement> ReadAsync(string user)
    {
        using var client = _app.ClientFor(user);
        var response = await client.GetAsync($"/api/cases/{_caseId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Tiers(JsonElement view, string property) =>
        [.. view.GetProperty(property).EnumerateArray().Select(e => property == "readableTiers" ? e.GetString()! : e.GetProperty("tier").GetString()!)];

    private async Task<List<JsonElement>> SensitiveReadsAsync() =>
        [.. (await CaseSteps.AuditAsync(_app, _caseId)).Where(e => e.GetProperty("action").GetString() == "SensitiveRead")];

    [Fact]
    public async Task The_screener_gets_the_case_without_the_intelligence_tier_and_no_sensitive_read_is_audited()
    {
        var view = await ReadAsync("coordinator.almaty");

        Assert.DoesNotContain("Intelligence", Tiers(view, "readableTiers"));
        Assert.Equal(["Workflow"], Tiers(view, "documents"));
        Assert.Empty(await SensitiveReadsAsync());
    }

    [Fact]
    public async Task The_director_gets_the_intelligence_attachment_and_the_read_is_audited()
    {
        var view = await ReadAsync("director.almaty");

        Assert.Contains("Intelligence", Tiers(view, "readableTiers"));
        Assert.Equal(["Intelligence", "Workflow"], Tiers(view, "documents").Order());
        var read = Assert.Single(await SensitiveReadsAsync());
        Assert.Equal("director.almaty", read.GetProperty("actorId").GetString());
        Assert.Equal("Intelligence", read.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_referrer_sees_neither_the_intelligence_tier_nor_its_attachment()
    {
        var view = await ReadAsync("referrer.almaty");

        Assert.DoesNotContain("Intelligence", Tiers(view, "readableTiers"));
        Assert.DoesNotContain("Intelligence", Tiers(view, "documents"));
    }
}
