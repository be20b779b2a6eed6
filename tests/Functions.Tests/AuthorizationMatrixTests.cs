using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>
/// Each role against every <c>/api</c> and management route: 401 without identity everywhere, 403 for
/// the management API unless administrator, 403 for every write by an inspector, 403 for reassignment
/// unless administrator, 403 for audit trails unless inspector or data-protection officer. A second test
/// keeps the route list complete: a new route without a row here fails it.
/// </summary>
public sealed class AuthorizationMatrixTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Management = "/runtime/webhooks/durabletask";
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every route: method, route template, a concrete path (with ids that do not exist).</summary>
    private static readonly (string Method, string Template, string Path)[] Routes =
    [
        ("GET", "/api/tasks", "/api/tasks"),
        ("GET", "/api/tasks/{taskId}", "/api/tasks/t-1"),
        ("POST", "/api/tasks/{taskId}/decision", "/api/tasks/t-1/decision"),
        ("POST", "/api/tasks/{taskId}/delegate", "/api/tasks/t-1/delegate"),
        ("POST", "/api/tasks/{taskId}/reassign", "/api/tasks/t-1/reassign"),
        ("POST", "/api/tasks/{taskId}/clarification", "/api/tasks/t-1/clarification"),
        ("GET", "/api/cases/{caseId}", "/api/cases/case-x"),
        ("GET", "/api/cases/{caseId}/sections/{tier}/{name}/history", "/api/cases/case-x/sections/Workflow/planning/history"),
        ("GET", "/api/cases/{caseId}/documents/{documentId}", "/api/cases/case-x/documents/d-1"),
        ("GET", "/api/cases/{caseId}/audit", "/api/cases/case-x/audit"),
        ("GET", "/api/cases/{caseId}/tasks", "/api/cases/case-x/tasks"),
        ("POST", "/api/cases/{caseId}/withdraw", "/api/cases/case-x/withdraw"),
        ("POST", "/api/cases/{caseId}/partners", "/api/cases/case-x/partners"),
        ("POST", "/api/cases/{caseId}/partners/{staffId}/unassign", "/api/cases/case-x/partners/staff1.cso-bridge/unassign"),
        ("POST", "/api/referrals", "/api/referrals"),
        ("POST", "/api/referrals/{caseId}/consent", "/api/referrals/case-x/consent"),
        ("POST", "/api/referrals/{caseId}/programme-start", "/api/referrals/case-x/programme-start"),
        ("POST", "/api/referrals/{caseId}/reassessment", "/api/referrals/case-x/reassessment"),
        ("POST", "/api/referrals/{caseId}/exit", "/api/referrals/case-x/exit"),
        ("POST", "/api/cso-access-requests", "/api/cso-access-requests"),
        ("POST", "/api/cso-access-requests/{caseId}/reconsideration", "/api/cso-access-requests/case-x/reconsideration"),
        ("POST", "/api/cso-access-requests/{caseId}/staff", "/api/cso-access-requests/case-x/staff"),
        ("POST", "/api/cso-access-requests/{caseId}/renewal", "/api/cso-access-requests/case-x/renewal"),
        ("POST", "/api/cso-access-requests/{caseId}/suspension", "/api/cso-access-requests/case-x/suspension"),
        ("POST", "/api/cso-access-requests/{caseId}/suspension-response", "/api/cso-access-requests/case-x/suspension-response"),
        ("POST", "/api/cso-access-requests/{caseId}/visits", "/api/cso-access-requests/case-x/visits"),
        ("POST", "/api/pre-release-plans", "/api/pre-release-plans"),
        ("POST", "/api/pre-release-plans/{caseId}/plan", "/api/pre-release-plans/case-x/plan"),
        ("POST", "/api/pre-release-plans/{caseId}/court-decisions", "/api/pre-release-plans/case-x/court-decisions"),
        ("POST", "/api/pre-release-plans/{caseId}/contacts", "/api/pre-release-plans/case-x/contacts"),
        ("POST", "/api/repatriation-cases", "/api/repatriation-cases"),
        ("POST", "/api/repatriation-cases/{caseId}/consents/{consentId}", "/api/repatriation-cases/case-x/consents/c-1"),
        ("POST", "/api/repatriation-cases/{caseId}/arrival", "/api/repatriation-cases/case-x/arrival"),
        ("POST", "/api/repatriation-cases/{caseId}/documents-restored", "/api/repatriation-cases/case-x/documents-restored"),
        ("POST", "/api/repatriation-cases/{caseId}/family-agreements/{childRef}", "/api/repatriation-cases/case-x/family-agreements/child-1"),
        ("POST", "/api/repatriation-cases/{caseId}/closure", "/api/repatriation-cases/case-x/closure"),
        ("POST", "/api/complaints", "/api/complaints"),
        ("POST", Management + "/orchestrators/{functionName}/{instanceId?}", Management + "/orchestrators/Not.Registered/matrix-1"),
        ("GET", Management + "/instances/{instanceId}", Management + "/instances/matrix-1"),
        ("GET", Management + "/instances", Management + "/instances"),
        ("POST", Management + "/instances/{instanceId}/raiseEvent/{eventName}", Management + "/instances/matrix-1/raiseEvent/approval"),
        ("POST", Management + "/instances/{instanceId}/terminate", Management + "/instances/matrix-1/terminate"),
        ("POST", Management + "/instances/{instanceId}/suspend", Management + "/instances/matrix-1/suspend"),
        ("POST", Management + "/instances/{instanceId}/resume", Management + "/instances/matrix-1/resume"),
        ("POST", Management + "/instances/{instanceId}/restart", Management + "/instances/matrix-1/restart"),
        ("POST", Management + "/instances/{instanceId}/rewind", Management + "/instances/matrix-1/rewind"),
        ("DELETE", Management + "/instances/{instanceId}", Management + "/instances/matrix-1"),
        ("DELETE", Management + "/instances", Management + "/instances?instanceIdPrefix=matrix-none"),
    ];

    /// <summary>Who acts: null is a caller without identity.</summary>
    public static TheoryData<string> Callers() =>
    [
        "anonymous", "referrer.almaty", "coordinator.almaty", "focalpoint.cso-bridge", "inspector.central", "dpo.central", "admin.central",
    ];

    // The answer the rules require, or null where the domain decides.
    private static HttpStatusCode? Required(string caller, string method, string template)
    {
        var management = template.StartsWith(Management, StringComparison.Ordinal);
        return caller switch
        {
            "anonymous" => HttpStatusCode.Unauthorized,
            _ when management => caller == "admin.central" ? null : HttpStatusCode.Forbidden,
            "inspector.central" when method != "GET" => HttpStatusCode.Forbidden,
            _ when template.EndsWith("/reassign", StringComparison.Ordinal) => caller == "admin.central" ? null : HttpStatusCode.Forbidden,
            _ when template.EndsWith("/audit", StringComparison.Ordinal) => caller is "inspector.central" or "dpo.central" ? null : HttpStatusCode.Forbidden,
            _ => null,
        };
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Every_route_answers_the_caller_as_the_rules_require(string caller)
    {
        using var client = _app.ClientFor(caller == "anonymous" ? null : caller);
        var wrong = new List<string>();
        foreach (var (method, template, path) in Routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? CaseSteps.Json("{}") : null };
            var status = (await client.SendAsync(request)).StatusCode;
            var required = Required(caller, method, template);
            // Where the rules leave the answer to the domain (a 404 for the missing ids, a 400, a 403 of
            // the domain's own), it is still never a 401 for a known person, nor a 500.
            if (required is { } expected ? status != expected : status is HttpStatusCode.Unauthorized or HttpStatusCode.InternalServerError)
            {
                wrong.Add($"{method} {path}: {(int)status}, expected {(required is { } r ? ((int)r).ToString(System.Globalization.CultureInfo.InvariantCulture) : "neither 401 nor 500")}");
            }
        }

        Assert.True(wrong.Count == 0, $"{caller}:\n{string.Join('\n', wrong)}");
    }

    [Fact]
    public void Every_api_and_management_route_of_the_app_is_in_the_matrix()
    {
        var mapped = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw.StartsWith(Management, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();

        Assert.Subset(Routes.Select(r => $"{r.Method} {r.Template}").ToHashSet(), mapped);
    }
}
