using System.Text.Json.Nodes;
using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>
/// The scheduled job that wakes the app for due durable timers while it has no replica: the app's image
/// with --release-due-timers, the app's settings and identity.
/// </summary>
public sealed class TimerWakeupJobTests(InfraFixture fixture)
{
    private const string Job = "Microsoft.App/jobs";

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void Job_RunsTheReleaseCommandOnASchedule(string scenario)
    {
        var job = fixture.Snapshot(StorageTests.Scenario(scenario)).One(Job);
        var container = job.Get("properties.template.containers").AsArray().Single()!;

        Assert.Equal("Schedule", job.Text("properties.configuration.triggerType"));
        Assert.Equal(1, job.Number("properties.configuration.scheduleTriggerConfig.parallelism"));
        Assert.Equal(["--release-due-timers"], container.Array("args").Select(arg => arg!.GetValue<string>()));
        Assert.Null(container["command"]);
        Assert.True(job.Number("properties.configuration.replicaTimeout") <= 300);
    }

    [Theory]
    [MemberData(nameof(StorageTests.Scenarios), MemberType = typeof(StorageTests))]
    public void Job_RunsTheAppImageWithTheAppSettingsSecretsAndIdentity(string scenario)
    {
        var snapshot = fixture.Snapshot(StorageTests.Scenario(scenario));
        var app = snapshot.One("Microsoft.App/containerApps");
        var job = snapshot.One(Job);

        Assert.Equal(app.Text("properties.template.containers[0].image"), job.Text("properties.template.containers[0].image"));
        AssertSameJson(app.Get("properties.template.containers[0].env"), job.Get("properties.template.containers[0].env"));
        AssertSameJson(app.Get("properties.configuration.secrets"), job.Get("properties.configuration.secrets"));
        AssertSameJson(app.Get("properties.configuration.registries"), job.Get("properties.configuration.registries"));
        AssertSameJson(app.Get("identity"), job.Get("identity"));
        Assert.Equal(app.Text("properties.environmentId"), job.Text("properties.environmentId"));
    }

    [Fact]
    public void Job_BeforeTheFirstDeploy_IsDormant()
    {
        // Only the placeholder image exists: the job must not start it every minute.
        var job = fixture.Public.One(Job);

        Assert.Equal("0 0 1 1 *", job.Text("properties.configuration.scheduleTriggerConfig.cronExpression"));
    }

    [Fact]
    public void Job_Schedule_IsTheParameterOnceTheAppImageIsNotThePlaceholder()
    {
        // Once deployed the image is only known at deployment time, so the snapshot cannot evaluate the
        // schedule; the compiled template shows the choice.
        var main = fixture.MainTemplate;
        var cron = ((JsonObject)main["resources"]!)["timerWakeupJob"]!.Text("properties.parameters.cronExpression");

        Assert.StartsWith("[if(equals(", cron, StringComparison.Ordinal);
        Assert.Contains("variables('placeholderImage')), createObject('value', variables('dormantSchedule'))", cron, StringComparison.Ordinal);
        Assert.EndsWith("createObject('value', parameters('timerWakeupSchedule')))]", cron, StringComparison.Ordinal);
        Assert.Equal("0 0 1 1 *", main.Text("variables.dormantSchedule"));
    }

    [Fact]
    public void Job_IsNotTaggedAsTheAzdService()
    {
        Assert.Null(fixture.Public.One(Job).Find("tags.azd-service-name"));
    }

    private static void AssertSameJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual {actual.ToJsonString()}");
}
