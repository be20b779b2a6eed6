using System.Net;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>A query-string value of the wrong type or out of range is a 400 naming the parameter, never a 500.</summary>
public sealed class QueryBadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Base = "/runtime/webhooks/durabletask";
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>user, method, path, the parameter the 400 must name.</summary>
    public static TheoryData<string, string, string, string> BadQueries() => new()
    {
        { "coordinator.almaty", "GET", "/api/tasks?overdue=maybe", "overdue" },
        { "coordinator.almaty", "GET", "/api/tasks?kind=urgent", "kind" },
        { "coordinator.almaty", "GET", "/api/tasks?kind=0", "kind" },
        { "coordinator.almaty", "GET", "/api/tasks?sort=size", "sort" },
        { "admin.central", "GET", Base + "/instances?top=many", "top" },
        { "admin.central", "GET", Base + "/instances?top=0", "top" },
        { "admin.central", "GET", Base + "/instances?top=1001", "top" },
        { "admin.central", "GET", Base + "/instances?createdTimeFrom=yesterday", "createdTimeFrom" },
        { "admin.central", "GET", Base + "/instances?createdTimeTo=31-12-2025", "createdTimeTo" },
        { "admin.central", "GET", Base + "/instances?showInput=perhaps", "showInput" },
        { "admin.central", "GET", Base + "/instances?runtimeStatus=Sleeping", "runtimeStatus" },
        { "admin.central", "GET", Base + "/instances/some-id?showHistory=2", "showHistory" },
        { "admin.central", "GET", Base + "/instances/some-id?showHistoryOutput=yes", "showHistoryOutput" },
        { "admin.central", "GET", Base + "/instances/some-id?showInput=no", "showInput" },
        { "admin.central", "POST", Base + "/instances/some-id/terminate?recursive=deep", "recursive" },
        { "admin.central", "POST", Base + "/instances/some-id/restart?restartWithNewInstanceId=new", "restartWithNewInstanceId" },
        { "admin.central", "DELETE", Base + "/instances?createdTimeFrom=last-week", "createdTimeFrom" },
        { "admin.central", "DELETE", Base + "/instances?createdTimeFrom=2025-01-01T00:00:00Z&createdTimeTo=soon", "createdTimeTo" },
        { "admin.central", "POST", "/dev/clock/advance?by=two-weeks", "by" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_query_value_is_400_naming_the_parameter(string user, string method, string path, string parameter)
    {
        using var client = _app.ClientFor(user);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task A_value_the_framework_fails_to_bind_is_still_a_400_problem_never_a_500()
    {
        // /dev/outbox binds ?top= as a number itself: the exception handler keeps the binding failure's 400.
        using var client = _app.ClientFor(null);

        var response = await client.GetAsync("/dev/outbox?top=many");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
