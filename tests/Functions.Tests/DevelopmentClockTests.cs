using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>The development clock moved to a given time (<c>POST /dev/clock/advance?to=</c>).</summary>
public sealed class DevelopmentClockTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkflowsAppFactory _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<DateTimeOffset> NowAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/dev/clock")).GetProperty("utcNow").GetDateTimeOffset();

    [Fact]
    public async Task Advancing_to_a_time_puts_the_clock_there()
    {
        using var client = _app.ClientFor(null);
        var target = (await NowAsync(client)).AddDays(9).ToUniversalTime();
        var to = target.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var response = await client.PostAsync($"/dev/clock/advance?to={to}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var now = await NowAsync(client);
        Assert.InRange(now, target.AddSeconds(-1), target.AddHours(1));
    }

    [Fact]
    public async Task A_time_with_an_offset_as_the_api_writes_it_is_accepted_even_with_an_unencoded_plus()
    {
        using var client = _app.ClientFor(null);
        var target = (await NowAsync(client)).AddDays(2).ToOffset(TimeSpan.FromHours(5));

        var response = await client.PostAsync($"/dev/clock/advance?to={target:yyyy-MM-ddTHH:mm:ss.fffffffzzz}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(await NowAsync(client), target.AddSeconds(-1), target.AddHours(1));
    }

    [Fact]
    public async Task A_time_in_the_past_is_400_naming_to_and_the_clock_stays()
    {
        using var client = _app.ClientFor(null);
        var before = await NowAsync(client);
        var past = before.AddDays(-1).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var response = await client.PostAsync($"/dev/clock/advance?to={past}", null);

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "to");
        Assert.InRange(await NowAsync(client), before, before.AddHours(1));
    }

    [Theory]
    [InlineData("to=next-week")]
    [InlineData("to=20/12/2026")]
    [InlineData("to=")]
    [InlineData("to=2099-01-01T00:00:00Z&by=P1D")]
    [InlineData("to=9999-12-31T00:00:00Z")]
    public async Task A_malformed_or_unusable_time_is_400_naming_to(string query)
    {
        using var client = _app.ClientFor(null);

        var response = await client.PostAsync($"/dev/clock/advance?{query}", null);

        await CaseSteps.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "to");
    }
}
