using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Workflows.Testing.Azurite;

namespace Workflows.Functions.Tests;

/// <summary>Every example request in functions/samples (the .http file and its JSON bodies) is accepted by the app.</summary>
public sealed partial class SamplesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly HashSet<string> IntakePaths = ["/api/referrals", "/api/cso-access-requests", "/api/pre-release-plans", "/api/repatriation-cases", "/api/complaints"];
    private readonly WorkflowsAppFactory _app = new(azurite);

    public static TheoryData<string> Requests()
    {
        var data = new TheoryData<string>();
        foreach (var request in Parse())
        {
            data.Add(request.Title);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Sample_request_is_accepted(string title)
    {
        var samples = Parse();
        var sample = samples.Single(r => r.Title == title);

        var response = await SendAsync(samples, sample);

        var expected = sample.Method == "POST" && IntakePaths.Contains(sample.Path) ? HttpStatusCode.Accepted : HttpStatusCode.OK;
        Assert.True(response.StatusCode == expected, $"{title}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public void Every_intake_endpoint_has_a_sample()
    {
        var paths = Parse().Where(r => r.BodyFile is not null).Select(r => r.Path).ToHashSet();
        Assert.Superset(IntakePaths, paths);
    }

    // A path may use a value from the answer of an earlier named request ({{name.response.body.field}}),
    // as the REST clients do: that request is sent first.
    private async Task<HttpResponseMessage> SendAsync(List<Sample> samples, Sample sample)
    {
        var path = sample.Path;
        foreach (var reference in ResponseReference().Matches(sample.Path).Cast<Match>())
        {
            var named = samples.Single(r => r.Name == reference.Groups[1].Value);
            var answer = await SendAsync(samples, named);
            Assert.True(answer.IsSuccessStatusCode, $"{named.Title}: {(int)answer.StatusCode}");
            var value = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty(reference.Groups[2].Value).GetString()!;
            path = path.Replace(reference.Value, Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        using var client = _app.ClientFor(sample.User);
        using var message = new HttpRequestMessage(new HttpMethod(sample.Method), path);
        if (sample.BodyFile is not null)
        {
            message.Content = new StringContent(await File.ReadAllTextAsync(Path.Combine(SamplesFolder, sample.BodyFile)), Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(message);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string SamplesFolder => Path.Combine(AppContext.BaseDirectory, "samples");

    private static List<Sample> Parse()
    {
        var text = File.ReadAllText(Path.Combine(SamplesFolder, "workflows.http"));
        var samples = new List<Sample>();
        foreach (var block in text.Split("###", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var title = lines[0].Trim();
            var requestLine = lines.Skip(1).FirstOrDefault(l => RequestLine().IsMatch(l));
            if (requestLine is null)
            {
                continue;
            }

            var match = RequestLine().Match(requestLine);
            var user = lines.Select(l => UserHeader().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var body = lines.Select(l => BodyFile().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var name = lines.Select(l => RequestName().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            samples.Add(new Sample(title, match.Groups[1].Value, match.Groups[2].Value, user, body, name));
        }

        return samples;
    }

    private sealed record Sample(string Title, string Method, string Path, string? User, string? BodyFile, string? Name);

    [GeneratedRegex(@"^(GET|POST|PUT|DELETE) \{\{base\}\}(\S+)")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"^X-Dev-User: (\S+)")]
    private static partial Regex UserHeader();

    [GeneratedRegex(@"^< \./(\S+)")]
    private static partial Regex BodyFile();

    [GeneratedRegex(@"^# @name (\S+)")]
    private static partial Regex RequestName();

    [GeneratedRegex(@"\{\{(\w+)\.response\.body\.(\w+)\}\}")]
    private static partial Regex ResponseReference();
}
