using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workflows.Functions.Notifications;

/// <summary>
/// The texts of emails and Teams cards in the six UN languages, read from the embedded JSON resources
/// <c>Notifications/Texts/{language}.json</c>. English is the reference: every key it has must exist in
/// every language (a test checks it). Placeholders are written <c>{name}</c>.
/// </summary>
public sealed class NotificationTexts
{
    /// <summary>The supported languages.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "es", "ru", "ar", "zh"];

    private const string ResourcePrefix = "Workflows.Functions.Notifications.Texts.";
    private static readonly Lazy<NotificationTexts> Embedded = new(Load);
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;

    private NotificationTexts(FrozenDictionary<string, FrozenDictionary<string, string>> texts)
    {
        _texts = texts;
    }

    /// <summary>The texts embedded in this assembly.</summary>
    public static NotificationTexts Default => Embedded.Value;

    /// <summary>Every language's texts, for tests.</summary>
    public IReadOnlyDictionary<string, FrozenDictionary<string, string>> All => _texts;

    /// <summary>True for languages written right to left (Arabic).</summary>
    public static bool IsRightToLeft(string language) => language == "ar";

    /// <summary>Maps a directory or client language ("fr-FR", "ZH") to a supported one, or null.</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var primary = language.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Languages.Contains(primary) ? primary : null;
    }

    /// <summary>The culture used to format dates in a language.</summary>
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "zh" ? "zh-Hans" : language);

    /// <summary>The text for <paramref name="key"/> with placeholders filled; English when the language lacks it.</summary>
    public string Get(string language, string key, params (string Name, string Value)[] values)
    {
        var text = Find(language, key) ?? Find("en", key) ?? throw new KeyNotFoundException($"Notification text '{key}' is missing.");
        if (values.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        foreach (var (name, value) in values)
        {
            builder.Replace("{" + name + "}", value);
        }

        return builder.ToString();
    }

    /// <summary>The raw text, or null when the language does not define the key.</summary>
    public string? Find(string language, string key) =>
        _texts.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text : null;

    private static NotificationTexts Load()
    {
        var assembly = typeof(NotificationTexts).Assembly;
        var texts = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + language + ".json")
                ?? throw new InvalidOperationException($"The notification texts for '{language}' are not embedded.");
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"The notification texts for '{language}' are empty.");
            texts[language] = values.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return new NotificationTexts(texts.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
