using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>Bad input gets a 4xx ProblemDetails naming the field, and nothing is written.</summary>
public sealed class BadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);
    private HttpClient _referrer = null!;

    public ValueTask InitializeAsync()
    {
        _referrer = _app.ClientFor("referrer.almaty");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task<int> ReferralCountAsync()
    {
        using var admin = _app.ClientFor("admin.central");
        var list = await admin.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances?instanceIdPrefix=referral-&top=1000");
        return list.GetArrayLength();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static void AssertNamesField(JsonElement problem, string field) =>
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"The problem does not name '{field}': {problem}");

    [Fact]
    public async Task Malformed_json_is_400_naming_the_body_and_writes_nothing()
    {
        var before = await ReferralCountAsync();
        var problem = await ProblemAsync(await _referrer.PostAsync("/api/referrals", Json("{\"prisonerId\": ")), HttpStatusCode.BadRequest);

        // The field being read when the JSON broke off is named.
        AssertNamesField(problem, "prisonerId");
        Assert.Equal("InvalidJson", problem.GetProperty("codes").GetProperty("prisonerId")[0].GetString());
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task Wrong_type_is_400_naming_the_field()
    {
        var problem = await ProblemAsync(await _referrer.PostAsync("/api/referrals", Json("{\"reasonCodes\": \"recruitment-attempt\"}")), HttpStatusCode.BadRequest);
        AssertNamesField(problem, "reasonCodes");
    }

    [Fact]
    public async Task Missing_fields_are_400_naming_each_field_and_write_nothing()
    {
        var before = await ReferralCountAsync();
        var problem = await ProblemAsync(await _referrer.PostAsync("/api/referrals", Json("{\"facilityId\": \"almaty\"}")), HttpStatusCode.BadRequest);
        AssertNamesField(problem, "prisonerId");
        AssertNamesField(problem, "reasonCodes");
        AssertNamesField(problem, "evidenceNarrative");
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task A_forbidden_reason_code_is_refused_with_its_code()
    {
        var body = JsonSerializer.Serialize(new
        {
            prisonerId = "P-1",
            facilityId = "almaty",
            trigger = "staffObservation",
            reasonCodes = new[] { "religion" },
            evidenceNarrative = "Prays five times a day.",
            dateOfBirth = "1990-01-01",
            sex = "male",
            language = "kk",
        });
        var problem = await ProblemAsync(await _referrer.PostAsync("/api/referrals", Json(body)), HttpStatusCode.BadRequest);
        Assert.Contains("reasonCodes", problem.GetProperty("codes").EnumerateObject().Select(p => p.Name.Split('[')[0]));
    }

    [Fact]
    public async Task Unknown_enum_value_is_400_naming_the_field()
    {
        using var coordinator = _app.ClientFor("coordinator.almaty");
        var decision = await ProblemAsync(await coordinator.PostAsJsonAsync("/api/tasks/t-unknown/decision", new { decision = "maybe" }), HttpStatusCode.BadRequest);
        AssertNamesField(decision, "decision");
        var exit = await ProblemAsync(await coordinator.PostAsync("/api/referrals/case-x/exit", Json("{\"kind\": \"finished\"}")), HttpStatusCode.BadRequest);
        AssertNamesField(exit, "kind");
    }

    [Fact]
    public async Task Wrong_media_type_is_refused_naming_the_body()
    {
        var response = await _referrer.PostAsync("/api/referrals", new StringContent("prisonerId=1", Encoding.UTF8, "text/plain"));
        AssertNamesField(await ProblemAsync(response, HttpStatusCode.BadRequest), "body");
    }

    [Fact]
    public async Task Oversized_body_is_413_and_nothing_is_written()
    {
        var before = await ReferralCountAsync();
        var huge = "{\"evidenceNarrative\": \"" + new string('x', 13 * 1024 * 1024) + "\"}";
        var response = await _referrer.PostAsync("/api/referrals", Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task Attachment_whose_content_is_not_its_type_is_refused_and_nothing_is_written()
    {
        var before = await ReferralCountAsync();
        using var form = MultipartReferral(new ByteArrayContent("MZ\u0090\0executable"u8.ToArray()), "application/pdf");
        var problem = await ProblemAsync(await _referrer.PostAsync("/api/referrals", form), HttpStatusCode.BadRequest);
        AssertNamesField(problem, "attachments[0]");
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task Attachment_of_an_unaccepted_type_is_refused()
    {
        using var form = MultipartReferral(new ByteArrayContent("<html></html>"u8.ToArray()), "text/html");
        AssertNamesField(await ProblemAsync(await _referrer.PostAsync("/api/referrals", form), HttpStatusCode.BadRequest), "attachments[0]");
    }

    [Fact]
    public async Task Oversized_attachment_is_400_naming_it_and_nothing_is_written()
    {
        var before = await ReferralCountAsync();
        var pdf = new byte[11 * 1024 * 1024];
        "%PDF-1.7"u8.CopyTo(pdf);
        using var form = MultipartReferral(new ByteArrayContent(pdf), "application/pdf");

        var problem = await ProblemAsync(await _referrer.PostAsync("/api/referrals", form), HttpStatusCode.BadRequest);

        AssertNamesField(problem, "attachments[0]");
        Assert.Equal("TooLarge", problem.GetProperty("codes").GetProperty("attachments[0]")[0].GetString());
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task Valid_pdf_attachment_is_stored_with_the_case()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF");
        using var form = MultipartReferral(new ByteArrayContent(pdf), "application/pdf");
        var response = await _referrer.PostAsync("/api/referrals", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString();
        var view = await _referrer.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Single(view.GetProperty("documents").EnumerateArray());
    }

    [Fact]
    public async Task Script_in_a_text_field_is_stored_as_text_and_returned_escaped()
    {
        const string script = "<script>alert('x')</script> observed twice";
        var body = JsonSerializer.Serialize(new
        {
            prisonerId = "P-2",
            facilityId = "almaty",
            trigger = "staffObservation",
            reasonCodes = new[] { "recruitment-attempt" },
            evidenceNarrative = script,
            dateOfBirth = "1990-01-01",
            sex = "male",
            language = "kk",
        });
        var response = await _referrer.PostAsync("/api/referrals", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString();
        var raw = await _referrer.GetStringAsync($"/api/cases/{caseId}");

        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Contains(script, JsonDocument.Parse(raw).RootElement.GetRawText().Replace("\\u003C", "<", StringComparison.Ordinal).Replace("\\u003E", ">", StringComparison.Ordinal).Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static MultipartFormDataContent MultipartReferral(ByteArrayContent file, string contentType)
    {
        var request = JsonSerializer.Serialize(new
        {
            prisonerId = "P-3",
            facilityId = "almaty",
            trigger = "staffObservation",
            reasonCodes = new[] { "recruitment-attempt" },
            evidenceNarrative = "Observed recruiting.",
            dateOfBirth = "1990-01-01",
            sex = "male",
            language = "kk",
        });
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent
        {
            { new StringContent(request, Encoding.UTF8, "application/json"), "request" },
            { file, "attachments", "evidence.pdf" },
            { new StringContent("Workflow"), "attachmentTiers" },
        };
    }
}
