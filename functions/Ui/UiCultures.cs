using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Workflows.Functions.Ui;

/// <summary>The six UN languages of the UI, their names in their own language, and the culture cookie.</summary>
public static class UiCultures
{
    /// <summary>The supported culture names; English is the default.</summary>
    public static readonly IReadOnlyList<string> Names = ["en", "fr", "es", "ru", "ar", "zh"];

    /// <summary>Each language named in itself (the switcher shows these, each marked with its <c>lang</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> NativeNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["en"] = "English",
        ["fr"] = "Français",
        ["es"] = "Español",
        ["ru"] = "Русский",
        ["ar"] = "العربية",
        ["zh"] = "中文",
    };

    /// <summary>The cookie that remembers the chosen language (ASP.NET Core's request-culture cookie).</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>The supported language the current UI culture belongs to.</summary>
    public static string Current
    {
        get
        {
            for (var culture = CultureInfo.CurrentUICulture; culture != CultureInfo.InvariantCulture; culture = culture.Parent)
            {
                if (Names.Contains(culture.Name))
                {
                    return culture.Name;
                }
            }

            return "en";
        }
    }

    /// <summary>Whether the current UI culture is written right to left (Arabic).</summary>
    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;
}
