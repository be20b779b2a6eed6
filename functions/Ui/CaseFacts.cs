using System.Globalization;
using System.Text.Json;

namespace Workflows.Functions.Ui;

/// <summary>
/// A case section's data as label/value pairs in the reader's language: each field by its name; a coded value
/// (reason code, trigger, urgency, track, sex, risk level, result, outcome, or one of the fixed values a field of
/// the domain holds) by its text; true and false as yes and no; dates and times the culture's way. Free text and
/// ids stay as written.
/// </summary>
public static class CaseFacts
{
    /// <summary>The fields whose values are codes of a family of texts (<c>Reason.{code}</c>...), by field name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Families = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reasonCodes"] = "Reason",
        ["category"] = "Reason",
        ["trigger"] = "Trigger",
        ["urgency"] = "Urgency",
        ["track"] = "Track",
        ["sex"] = "Sex",
        ["riskLevel"] = "RiskLevel",
        ["overallJudgement"] = "RiskLevel",
        ["result"] = "Result",
        ["outcome"] = "CaseStatus",
    };

    // Longer strings are narratives, never codes: not looked up.
    private const int LongestCode = 200;

    public static IReadOnlyList<(string Label, string Value)> Of(JsonElement data, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. JsonFacts.Flatten(data, (key, value) => Qualified(key, text) is null ? Value(UiText.CamelFieldOf(key), value, text) : FreeText(value, text))
            .Select(f => (Qualified(f.Key, text) is { } qualified ? text[qualified] : text.Field(UiText.CamelFieldOf(f.Key)), f.Value))];
    }

    // A field whose name means something else inside its parent (a release plan's contingency "trigger" is free
    // text, not a referral trigger code) has its own label, Field.{parent}.{field}, and its value is not a code.
    private static string? Qualified(string path, UiText text)
    {
        var parts = UiText.IndexFree(path).Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        var key = $"Field.{Camel(parts[^2])}.{Camel(parts[^1])}";
        return text.Has(key) ? key : null;
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string FreeText(JsonElement value, UiText text) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : Value(string.Empty, value, text);

    /// <summary>The value of <paramref name="field"/> as the reader should see it.</summary>
    public static string Value(string field, JsonElement value, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return value.ValueKind switch
        {
            JsonValueKind.True => text["Fact.Yes"],
            JsonValueKind.False => text["Fact.No"],
            JsonValueKind.String => Text(field, value, text),
            _ => value.GetRawText(),
        };
    }

    private static string Text(string field, JsonElement value, UiText text)
    {
        var written = value.GetString() ?? string.Empty;
        if (written.Length == 10 && DateOnly.TryParseExact(written, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("d", CultureInfo.CurrentCulture);
        }

        if (written.Length > 10 && written[10] == 'T' && value.TryGetDateTimeOffset(out var at))
        {
            return UiFormat.DateTime(at);
        }

        if (written.Length == 0 || written.Length > LongestCode)
        {
            return written;
        }

        if (Families.TryGetValue(field, out var family))
        {
            return text.Code(family, written);
        }

        return text.Has($"Fact.{field}.{written}") ? text[$"Fact.{field}.{written}"] : written;
    }
}
