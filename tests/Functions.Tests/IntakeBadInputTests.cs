using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// Every intake endpoint answers malformed JSON, a wrong type, a missing field, an unknown value and a
/// wrong media type with a 400 ProblemDetails naming the field, and starts nothing.
/// </summary>
public sealed class IntakeBadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>path, user, instance id prefix, sample.</summary>
    private static readonly Dictionary<string, (string Path, string User, string Prefix, string Sample)> Intakes = new()
    {
        ["referral"] = ("/api/referrals", "referrer.almaty", "referral-", "referral.json"),
        ["csoAccess"] = ("/api/cso-access-requests", "focalpoint.cso-bridge", "csoAccess-", "cso-access-request.json"),
        ["preRelease"] = ("/api/pre-release-plans", "socialworker.almaty", "preRelease-", "pre-release-plan.json"),
        ["repatriation"] = ("/api/repatriation-cases", "consular.central", "repatriation-", "repatriation-case.json"),
        ["complaint"] = ("/api/complaints", "socialworker.almaty", "complaint-", "complaint.json"),
    };

    /// <summary>intake, case, body (a JSON fragment, or a change to the sample), the field the 400 must name.</summary>
    public static TheoryData<string, string, string, string> BadBodies() => new()
    {
        { "referral", "malformed", "{\"prisonerId\": ", "prisonerId" },
        { "referral", "wrong type", "{\"reasonCodes\": \"recruitment-attempt\"}", "reasonCodes" },
        { "referral", "missing", "{\"facilityId\": \"almaty\"}", "prisonerId" },
        { "referral", "unknown value", "sample:trigger=\"dream\"", "trigger" },
        { "csoAccess", "malformed", "{\"organisationId\": ", "organisationId" },
        { "csoAccess", "wrong type", "{\"staffIds\": \"staff1.cso-bridge\"}", "staffIds" },
        { "csoAccess", "missing", "{\"organisationId\": \"cso-bridge\"}", "registrationNumber" },
        { "csoAccess", "unknown value", "sample:facilityIds=[\"atlantis\"]", "facilityIds[0]" },
        { "preRelease", "malformed", "{\"releaseDate\": ", "releaseDate" },
        { "preRelease", "wrong type", "{\"releaseDate\": 20280301}", "releaseDate" },
        { "preRelease", "missing", "{\"facilityId\": \"almaty\"}", "prisonerId" },
        { "preRelease", "unknown value", "sample:riskLevel=\"Extreme\"", "riskLevel" },
        { "repatriation", "malformed", "{\"centreId\": ", "centreId" },
        { "repatriation", "wrong type", "{\"members\": \"m1\"}", "members" },
        { "repatriation", "missing", "{\"centreId\": \"aktau\"}", "members" },
        { "repatriation", "unknown value", "sample:centreId=\"atlantis\"", "centreId" },
        { "complaint", "malformed", "{\"complainantId\": ", "complainantId" },
        { "complaint", "wrong type", "{\"confidential\": \"yes\"}", "confidential" },
        { "complaint", "missing", "{\"facilityId\": \"almaty\"}", "complainantId" },
        { "complaint", "unknown value", "sample:category=\"weather\"", "category" },
    };

    public static TheoryData<string> IntakeNames() => [.. Intakes.Keys];

    // "sample:field=json" replaces one field of the valid sample, so only that field is wrong.
    private static string Body(string intake, string body)
    {
        if (!body.StartsWith("sample:", StringComparison.Ordinal))
        {
            return body;
        }

        var (field, value) = (body[7..body.IndexOf('=', StringComparison.Ordinal)], body[(body.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var sample = JsonNode.Parse(CaseSteps.Sample(Intakes[intake].Sample))!.AsObject();
        sample[field] = JsonNode.Parse(value);
        return sample.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_body_is_400_naming_the_field_and_starts_nothing(string intake, string kind, string body, string field)
    {
        var (path, user, prefix, _) = Intakes[intake];
        using var client = _app.ClientFor(user);

        var response = await client.PostAsync(path, CaseSteps.Json(Body(intake, body)));

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, field);
        Assert.True(await CaseSteps.InstanceCountAsync(_app, prefix) == 0, $"{intake} ({kind}) started an instance");
    }

    [Theory]
    [MemberData(nameof(IntakeNames))]
    public async Task Wrong_media_type_is_400_naming_the_body_and_starts_nothing(string intake)
    {
        var (path, user, prefix, sample) = Intakes[intake];
        using var client = _app.ClientFor(user);

        var response = await client.PostAsync(path, new StringContent(CaseSteps.Sample(sample), Encoding.UTF8, "text/plain"));

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.Equal(0, await CaseSteps.InstanceCountAsync(_app, prefix));
    }

    [Theory]
    [MemberData(nameof(IntakeNames))]
    public async Task Empty_body_is_400_and_starts_nothing(string intake)
    {
        var (path, user, prefix, _) = Intakes[intake];
        using var client = _app.ClientFor(user);

        var response = await client.PostAsync(path, CaseSteps.Json(string.Empty));

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.Equal(0, await CaseSteps.InstanceCountAsync(_app, prefix));
    }
}
