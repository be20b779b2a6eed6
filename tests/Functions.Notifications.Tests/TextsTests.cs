using System.Text.RegularExpressions;

namespace Workflows.Functions.Notifications.Tests;

public sealed partial class TextsTests
{
    public static TheoryData<string> OtherLanguages => new(NotificationTexts.Languages.Where(l => l != "en"));

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Every_english_key_exists_in_every_language(string language)
    {
        var english = NotificationTexts.Default.All["en"].Keys;
        var missing = english.Where(key => NotificationTexts.Default.Find(language, key) is null).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void No_language_has_keys_english_lacks(string language)
    {
        var extra = NotificationTexts.Default.All[language].Keys.Where(key => NotificationTexts.Default.Find("en", key) is null).ToList();

        Assert.Empty(extra);
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Every_text_uses_the_same_placeholders_as_english(string language)
    {
        var mismatched = NotificationTexts.Default.All["en"]
            .Where(pair => !Placeholders(pair.Value).SetEquals(Placeholders(NotificationTexts.Default.Find(language, pair.Key) ?? string.Empty)))
            .Select(pair => pair.Key)
            .ToList();

        Assert.Empty(mismatched);
    }

    [Fact]
    public void No_text_is_blank()
    {
        var blank = NotificationTexts.Default.All.SelectMany(l => l.Value.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => $"{l.Key}:{t.Key}")).ToList();

        Assert.Empty(blank);
    }

    [Fact]
    public void Every_notification_kind_has_a_subject_and_an_introduction()
    {
        var missing = Enum.GetNames<Workflows.Notifications.NotificationKind>()
            .SelectMany(kind => new[] { "subject." + kind, "intro." + kind })
            .Where(key => NotificationTexts.Default.Find("en", key) is null)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Subjects_and_introductions_name_only_the_case_reference_and_the_step()
    {
        // Other facts appear only where the deployment's MessageFacts setting lets the builder put them.
        var naming = NotificationTexts.Default.All
            .SelectMany(l => l.Value.Where(t => t.Key.StartsWith("subject.", StringComparison.Ordinal) || t.Key.StartsWith("intro.", StringComparison.Ordinal))
                .Where(t => !Placeholders(t.Value).IsSubsetOf(["{case}", "{step}"]))
                .Select(t => $"{l.Key}:{t.Key}"))
            .ToList();

        Assert.Empty(naming);
    }

    [Fact]
    public void Every_language_has_a_name_in_every_language()
    {
        var missing = NotificationTexts.Languages.Where(l => NotificationTexts.Default.Find("en", "language." + l) is null).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("ZH-cn", "zh")]
    [InlineData("ar", "ar")]
    [InlineData("de-DE", null)]
    [InlineData("", null)]
    public void Normalize_maps_directory_languages_to_supported_ones(string given, string? expected) =>
        Assert.Equal(expected, NotificationTexts.Normalize(given));

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{[a-zA-Z]+\}")]
    private static partial Regex PlaceholderPattern();
}
