using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>infra/bicepconfig.json: the core linter rules are on, and a rule that is off says why.</summary>
public sealed class BicepConfigTests
{
    private static readonly string ConfigPath = Path.Combine(RepositoryPaths.Infra, "bicepconfig.json");

    private static readonly JsonObject Rules = JsonNode.Parse(
        File.ReadAllText(ConfigPath),
        documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!
        .Get("analyzers.core.rules").AsObject();

    [Fact]
    public void CoreAnalyzer_IsEnabled()
    {
        var config = JsonNode.Parse(File.ReadAllText(ConfigPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;

        Assert.True(config.Bool("analyzers.core.enabled"));
    }

    [Theory]
    [InlineData("no-hardcoded-env-urls")]
    [InlineData("no-unused-params")]
    [InlineData("no-unused-vars")]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("secure-parameter-default")]
    [InlineData("secure-secrets-in-params")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("use-stable-resource-identifiers")]
    [InlineData("prefer-interpolation")]
    [InlineData("use-parent-property")]
    public void CoreRule_IsAWarningOrAnError(string rule)
    {
        Assert.Contains(Rules[rule]!.Text("level"), (string[])["warning", "error"]);
    }

    [Fact]
    public void EveryRule_IsAWarningAnErrorOrOff_NeverInfo()
    {
        Assert.All(Rules, rule => Assert.Contains(rule.Value!.Text("level"), (string[])["warning", "error", "off"]));
    }

    [Fact]
    public void EveryRuleThatIsOff_HasAReasonRightAboveIt()
    {
        var lines = File.ReadAllLines(ConfigPath);
        var offRules = Rules.Where(rule => rule.Value!.Text("level") == "off").Select(rule => rule.Key).ToList();

        Assert.NotEmpty(offRules);
        Assert.All(offRules, rule =>
        {
            var index = Array.FindIndex(lines, line => line.Contains($"\"{rule}\"", StringComparison.Ordinal));
            Assert.True(index > 0 && lines[index - 1].TrimStart().StartsWith("//", StringComparison.Ordinal), $"{rule} is off without a comment saying why");
        });
    }
}
