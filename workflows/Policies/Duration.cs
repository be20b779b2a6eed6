using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Policies;

/// <summary>
/// A policy duration such as <c>5 workingDays</c>, <c>30 days</c>, <c>72 hours</c> or <c>12 months</c>.
/// Working days skip the calendar's weekend and holidays (see <see cref="WorkingCalendar"/>).
/// </summary>
[JsonConverter(typeof(DurationJsonConverter))]
public readonly record struct Duration(int Value, DurationUnit Unit)
{
    private static readonly Dictionary<string, DurationUnit> Units = new(StringComparer.Ordinal)
    {
        ["hour"] = DurationUnit.Hours,
        ["hours"] = DurationUnit.Hours,
        ["day"] = DurationUnit.Days,
        ["days"] = DurationUnit.Days,
        ["workingDay"] = DurationUnit.WorkingDays,
        ["workingDays"] = DurationUnit.WorkingDays,
        ["month"] = DurationUnit.Months,
        ["months"] = DurationUnit.Months,
    };

    public static Duration Hours(int value) => new(value, DurationUnit.Hours);

    public static Duration Days(int value) => new(value, DurationUnit.Days);

    public static Duration WorkingDays(int value) => new(value, DurationUnit.WorkingDays);

    public static Duration Months(int value) => new(value, DurationUnit.Months);

    /// <summary>Parses <c>"5 workingDays"</c>; throws <see cref="FormatException"/> with a message naming the problem.</summary>
    public static Duration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"'{text}' is not a duration; write it as '<number> <unit>', e.g. '5 workingDays'");
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{parts[0]}' is not a non-negative whole number");
        }

        if (!Units.TryGetValue(parts[1], out var unit))
        {
            throw new FormatException($"unknown unit '{parts[1]}' (use hours, days, workingDays or months)");
        }

        return new Duration(value, unit);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value} {Unit switch
    {
        DurationUnit.Hours => "hours",
        DurationUnit.Days => "days",
        DurationUnit.WorkingDays => "workingDays",
        _ => "months",
    }}");

    private sealed class DurationJsonConverter : JsonConverter<Duration>
    {
        public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("a duration must be a string such as '5 workingDays'");
            }

            try
            {
                return Parse(reader.GetString()!);
            }
            catch (FormatException ex)
            {
                throw new JsonException(ex.Message, ex);
            }
        }

        public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
