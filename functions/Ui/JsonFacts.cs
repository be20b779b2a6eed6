using System.Globalization;
using System.Text.Json;

namespace Workflows.Functions.Ui;

/// <summary>Turns a case section's JSON into label/value pairs for a definition list (values are shown as text, never markup).</summary>
public static class JsonFacts
{
    /// <summary>The leaves of <paramref name="element"/>, keyed by their property path; arrays are joined with commas.</summary>
    public static IReadOnlyList<(string Key, string Value)> Flatten(JsonElement element)
    {
        var facts = new List<(string, string)>();
        Walk(element, string.Empty, facts);
        return facts;
    }

    private static void Walk(JsonElement element, string key, List<(string, string)> facts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, key.Length == 0 ? property.Name : $"{key}.{property.Name}", facts);
                }

                break;
            case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                facts.Add((key, string.Join(", ", element.EnumerateArray().Select(Scalar))));
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, string.Create(CultureInfo.InvariantCulture, $"{key}[{i++}]"), facts);
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                facts.Add((key, Scalar(element)));
                break;
        }
    }

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? string.Empty,
        JsonValueKind.True => "✓",
        JsonValueKind.False => "✗",
        _ => element.GetRawText(),
    };
}
