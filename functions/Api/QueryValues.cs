using System.Globalization;

namespace Workflows.Functions.Api;

/// <summary>
/// Reads optional query-string values. Handlers take them as text and parse them here, so that a bad
/// value is a 400 ProblemDetails naming the parameter (framework binding would throw
/// BadHttpRequestException instead, which ends as a bare 400 or, in Development, a 500).
/// </summary>
public static class QueryValues
{
    /// <summary>Parses <c>true</c>/<c>false</c>; absent or empty gives <paramref name="fallback"/>.</summary>
    public static bool TryBoolean(string? text, string name, bool fallback, out bool value, out IResult? error)
    {
        error = null;
        value = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (bool.TryParse(text, out value))
        {
            return true;
        }

        error = ProblemResults.Field(name, "InvalidValue", $"'{name}' must be true or false.");
        return false;
    }

    /// <summary>Parses an optional <c>true</c>/<c>false</c> filter; absent or empty gives null.</summary>
    public static bool TryOptionalBoolean(string? text, string name, out bool? value, out IResult? error)
    {
        value = null;
        if (!TryBoolean(text, name, fallback: false, out var parsed, out error))
        {
            return false;
        }

        value = string.IsNullOrWhiteSpace(text) ? null : parsed;
        return true;
    }

    /// <summary>Parses a whole number between <paramref name="min"/> and <paramref name="max"/>; absent gives <paramref name="fallback"/>.</summary>
    public static bool TryInteger(string? text, string name, int fallback, int min, int max, out int value, out IResult? error)
    {
        error = null;
        value = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        error = ProblemResults.Field(name, "OutOfRange", string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a whole number between {min} and {max}."));
        return false;
    }

    /// <summary>Parses an ISO 8601 date and time (UTC when no offset is given); absent gives null.</summary>
    public static bool TryTime(string? text, string name, out DateTimeOffset? value, out IResult? error)
    {
        error = null;
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = ProblemResults.Field(name, "InvalidValue", $"'{name}' must be an ISO 8601 date and time such as 2025-01-31T00:00:00Z.");
        return false;
    }
}
