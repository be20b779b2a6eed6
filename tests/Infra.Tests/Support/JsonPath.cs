using System.Text.Json.Nodes;

namespace Workflows.Infra.Tests.Support;

/// <summary>Reads values out of ARM JSON by dotted path ("properties.template.scale.rules[1].name").</summary>
public static class JsonPath
{
    public static JsonNode? Find(this JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            var name = segment;
            var indexes = new List<int>();
            while (name.EndsWith(']'))
            {
                var open = name.LastIndexOf('[');
                indexes.Insert(0, int.Parse(name[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
                name = name[..open];
            }

            if (name.Length > 0)
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
            }

            foreach (var index in indexes)
            {
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }

            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static JsonNode Get(this JsonNode node, string path) =>
        node.Find(path) ?? throw new KeyNotFoundException($"'{path}' is missing in {Describe(node)}.");

    public static string Text(this JsonNode node, string path) => node.Get(path).GetValue<string>();

    public static bool Bool(this JsonNode node, string path) => node.Get(path).GetValue<bool>();

    public static int Number(this JsonNode node, string path) => node.Get(path).GetValue<int>();

    public static JsonArray Array(this JsonNode node, string path) => node.Get(path).AsArray();

    private static string Describe(JsonNode node) =>
        node["type"] is JsonValue type ? $"{type.GetValue<string>()} '{node["name"]}'" : node.GetPath();
}
