using System.Text.Json.Nodes;

namespace Workflows.Infra.Tests.Support;

/// <summary>
/// The resources `bicep snapshot` predicts for one set of parameters: the template evaluated offline,
/// modules expanded, conditions applied. Values known only at deployment time (another resource's
/// output) stay ARM expressions such as "[reference(...)]".
/// </summary>
public sealed class DeploymentSnapshot(JsonObject document)
{
    public IReadOnlyList<JsonNode> Resources { get; } = [.. document["predictedResources"]!.AsArray().Select(node => node!)];

    public JsonObject Outputs { get; } = document["outputs"]!.AsObject();

    public IEnumerable<JsonNode> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Text("type"), type, StringComparison.OrdinalIgnoreCase));

    public JsonNode One(string type)
    {
        var matches = OfType(type).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type}, found {matches.Count}.");
    }

    public JsonNode Named(string type, string name) =>
        OfType(type).SingleOrDefault(resource => resource.Text("name") == name)
        ?? throw new InvalidOperationException($"No {type} named '{name}'.");
}
