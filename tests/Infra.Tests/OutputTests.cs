using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>The template's outputs become azd environment values: named UPPER_SNAKE, never secrets.</summary>
public sealed partial class OutputTests(InfraFixture fixture)
{
    private static readonly System.Text.Json.JsonSerializerOptions Unescaped =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void MainOutputs_AreUpperSnakeCase()
    {
        var outputs = Outputs(fixture.MainTemplate);

        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Matches(UpperSnake(), output.Key));
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_CONTAINER_REGISTRY_ENDPOINT")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("AZURE_MANAGED_IDENTITY_CLIENT_ID")]
    [InlineData("AZURE_MANAGED_IDENTITY_PRINCIPAL_ID")]
    [InlineData("SERVICE_FUNCTIONS_NAME")]
    [InlineData("SERVICE_FUNCTIONS_URI")]
    [InlineData("WORKFLOWS_TIMER_JOB_NAME")]
    public void MainOutputs_IncludeWhatAzdAndTheHooksRead(string name)
    {
        Assert.Contains(name, Outputs(fixture.MainTemplate).Select(output => output.Key));
    }

    [Fact]
    public void NoOutput_AnywhereInTheTemplate_LooksLikeASecret()
    {
        var offences = new List<string>();
        Walk(fixture.MainTemplate, "main", offences);

        Assert.Empty(offences);
    }

    [Fact]
    public void SecretCheck_CatchesASecretOutput()
    {
        // The check above must be able to fail.
        var template = new JsonObject
        {
            ["parameters"] = new JsonObject { ["key"] = new JsonObject { ["type"] = "securestring" } },
            ["outputs"] = new JsonObject
            {
                ["STORAGE_KEY"] = new JsonObject { ["type"] = "string", ["value"] = "[listKeys('x', '2023-01-01').keys[0].value]" },
                ["PLAIN"] = new JsonObject { ["type"] = "string", ["value"] = "[parameters('key')]" },
            },
        };
        var offences = new List<string>();

        Walk(template, "sample", offences);

        Assert.Equal(2, offences.Count);
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Outputs(JsonObject template) =>
        template["outputs"] as JsonObject ?? [];

    /// <summary>Checks the outputs of a template and of every nested (module) template in it.</summary>
    private static void Walk(JsonObject template, string where, List<string> offences)
    {
        var secureParameters = (template["parameters"] as JsonObject ?? [])
            .Where(parameter => parameter.Value?["type"]?.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
            .Select(parameter => parameter.Key)
            .ToList();

        foreach (var (name, output) in Outputs(template))
        {
            var type = output!["type"]?.GetValue<string>() ?? "";
            var value = Text(output["value"]) + Text(output["copy"]);
            if (SecretName().IsMatch(name)
                || type.StartsWith("secure", StringComparison.OrdinalIgnoreCase)
                || ListFunction().IsMatch(value)
                || secureParameters.Any(parameter => value.Contains($"parameters('{parameter}')", StringComparison.OrdinalIgnoreCase)))
            {
                offences.Add($"{where}: output {name} = {value}");
            }
        }

        var resources = template["resources"] switch
        {
            JsonObject byName => byName.Select(pair => pair.Value),
            JsonArray list => list.AsEnumerable(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            if (resource?.Find("properties.template") is JsonObject nested)
            {
                Walk(nested, $"{where}/{resource["name"]}", offences);
            }
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue(out string? text) => text,
        _ => node.ToJsonString(Unescaped),
    };

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();

    // Key on its own (not KEY_VAULT), secrets, passwords, connection strings, SAS tokens.
    [GeneratedRegex("(?i)(secret|password|passwd|connection_?string|sas|token|credential|(?<![a-z])key(?!_?vault))")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)\blist[a-z]*\(")]
    private static partial Regex ListFunction();
}
