using System.Globalization;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Tests;

/// <summary>Numbers and dates on the pages follow the user's culture (the request culture the UI sets).</summary>
public sealed class UiFormatTests
{
    public static TheoryData<string, string> GroupedNumbers => new()
    {
        { "en", "1,234,567" },
        { "fr", "1\u202F234\u202F567" },
        { "es", "1.234.567" },
        { "ru", "1\u00A0234\u00A0567" },
        { "zh", "1,234,567" },
    };

    [Theory]
    [MemberData(nameof(GroupedNumbers))]
    public void Number_InTheCulture_GroupsDigitsAsTheCultureWrites(string culture, string expected)
    {
        using var scope = new CultureScope(culture);

        Assert.Equal(expected, UiFormat.Number(1_234_567));
    }

    [Fact]
    public void Number_InArabic_UsesTheArabicGroupSeparator()
    {
        using var scope = new CultureScope("ar");

        var separator = CultureInfo.GetCultureInfo("ar").NumberFormat.NumberGroupSeparator;

        Assert.Equal($"1{separator}234{separator}567", UiFormat.Number(1_234_567));
        Assert.NotEqual(",", separator);
    }

    [Theory]
    [InlineData("en", "3/14/2026 9:05\u202FAM UTC")]
    [InlineData("fr", "14/03/2026 09:05 UTC")]
    [InlineData("ru", "14.03.2026 09:05 UTC")]
    [InlineData("zh", "2026/3/14 09:05 UTC")]
    public void DateTime_InTheCulture_ShowsItsDateOrderAndSaysUtc(string culture, string expected)
    {
        using var scope = new CultureScope(culture);

        Assert.Equal(expected, UiFormat.DateTime(new DateTimeOffset(2026, 3, 14, 9, 5, 0, TimeSpan.FromHours(0))));
    }

    [Fact]
    public void Iso_WhateverTheCulture_IsInvariantUtc()
    {
        using var scope = new CultureScope("ar");

        Assert.Equal("2026-03-14T06:05:00Z", UiFormat.Iso(new DateTimeOffset(2026, 3, 14, 9, 5, 0, TimeSpan.FromHours(3))));
    }

    /// <summary>Sets the current culture for a test and restores it.</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
