using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Workflows.Functions.Ui;

/// <summary>Dates and numbers in the user's culture; times are shown in UTC and say so.</summary>
public static class UiFormat
{
    /// <summary>Date and short time in the current culture, in UTC.</summary>
    public static string DateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>The date alone, in the current culture.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A whole number with the culture's grouping.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The machine-readable form for <c>datetime</c> attributes.</summary>
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A <c>&lt;time&gt;</c> element (encoded) showing the date and time.</summary>
    public static IHtmlContent Time(DateTimeOffset? value)
    {
        var html = new HtmlContentBuilder();
        if (value is not { } v)
        {
            return html.Append("—");
        }

        return html.AppendHtml("<time datetime=\"").Append(Iso(v)).AppendHtml("\">").Append(DateTime(v)).AppendHtml("</time>");
    }

    /// <summary>A duration as days and hours in the current culture (for "overdue by").</summary>
    public static string Span(TimeSpan span, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var abs = span.Duration();
        return abs.TotalDays >= 1
            ? text.Format("Format.Days", Number((long)abs.TotalDays))
            : text.Format("Format.Hours", Number((long)Math.Max(1, abs.TotalHours)));
    }
}
