using System.Net;
using Microsoft.AspNetCore.Http;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>The API's rate limit is per signed-in person, so colleagues behind one facility's NAT address do not share it.</summary>
public sealed class ApiRateLimitTests(AzuriteFixture azurite)
{
    private static readonly IPAddress FacilityNat = IPAddress.Parse("10.20.30.40");

    private static async Task<int> GetTasksAsync(WorkflowsAppFactory app, string? user, IPAddress address)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/api/tasks";
            c.Request.Headers.Accept = "application/json";
            if (user is not null)
            {
                c.Request.Headers["X-Dev-User"] = user;
            }

            c.Connection.RemoteIpAddress = address;
        });
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task Two_people_behind_one_address_each_have_their_own_api_limit()
    {
        await using var app = new WorkflowsAppFactory(azurite, settings: new Dictionary<string, string?> { ["Workflows:RateLimits:ApiPerMinute"] = "3" });
        var first = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            first.Add(await GetTasksAsync(app, "coordinator.almaty", FacilityNat));
        }

        var colleague = await GetTasksAsync(app, "socialworker.almaty", FacilityNat);

        Assert.Equal([200, 200, 200, 429], first);
        Assert.Equal(200, colleague);
    }

    [Fact]
    public async Task Anonymous_api_calls_are_limited_per_address()
    {
        await using var app = new WorkflowsAppFactory(azurite, settings: new Dictionary<string, string?> { ["Workflows:RateLimits:ApiPerMinute"] = "2" });
        var flood = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            flood.Add(await GetTasksAsync(app, null, FacilityNat));
        }

        var elsewhere = await GetTasksAsync(app, null, IPAddress.Parse("10.99.0.1"));

        Assert.Equal([401, 401, 429], flood);
        Assert.Equal(401, elsewhere);
    }
}
