using System.Globalization;
using System.Text.Json;

namespace Workflows.Functions.Ui;

/// <summary>Turns a case section's JSON into key/value pairs for a definition list (values are shown as text, never markup).</summary>
public static class JsonFacts
{
    /// <summary>
    /// The leaves of <paramref name="element"/>, keyed by their property path, each scalar written by <paramref name="scalar"/>
    /// (given its path and value); arrays of scalars are joined with commas.
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> Flatten(JsonElement element, Func<string, JsonElement, string> scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        var facts = new List<(string, string)>();
        Walk(element, string.Empty, facts, scalar);
        return facts;
    }

    private static void Walk(JsonElement element, string key, List<(string, string)> facts, Func<string, JsonElement, string> scalar)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, key.Length == 0 ? property.Name : $"{key}.{property.Name}", facts, scalar);
                }

                break;
            case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                facts.Add((key, string.Join(", ", element.EnumerateArray().Where(e => e.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)).Select(e => scalar(key, e)))));
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, string.Create(CultureInfo.InvariantCulture, $"{key}[{i++}]"), facts, scalar);
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                facts.Add((key, scalar(key, element)));
                break;
        }
    }
}
