using System.Globalization;

namespace Workflows;

/// <summary>Field rules shared by the intake validators.</summary>
internal static class Intake
{
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    public static void RequireId(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, ErrorCodes.Required, $"{field} is required."));
        }
        else if (value.Length > 64)
        {
            errors.Add(new FieldError(field, ErrorCodes.TooLong, $"{field} is longer than 64 characters."));
        }
    }

    public static void RequireText(List<FieldError> errors, string field, string? value, int max, string requiredMessage)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, ErrorCodes.Required, requiredMessage));
        }
        else if (value.Length > max)
        {
            errors.Add(new FieldError(field, ErrorCodes.TooLong, string.Create(CultureInfo.InvariantCulture, $"{field} is longer than {max} characters.")));
        }
    }

    public static void ValidateLanguage(List<FieldError> errors, string field, string? language)
    {
        if (language is not null && (language.Length is < 2 or > 8 || !language.All(c => char.IsAsciiLetter(c) || c == '-')))
        {
            errors.Add(new FieldError(field, ErrorCodes.UnknownValue, "Use a language code such as kk, ru, ar or en."));
        }
    }

    public static void ValidateAttachments(List<FieldError> errors, IReadOnlyList<Attachment>? attachments)
    {
        for (var i = 0; i < (attachments?.Count ?? 0); i++)
        {
            var a = attachments![i];
            if (a.Content is null || a.Content.Length == 0)
            {
                errors.Add(new FieldError(string.Create(CultureInfo.InvariantCulture, $"attachments[{i}].content"), ErrorCodes.Required, "The attachment is empty."));
            }
            else if (a.Content.Length > MaxAttachmentBytes)
            {
                errors.Add(new FieldError(string.Create(CultureInfo.InvariantCulture, $"attachments[{i}].content"), ErrorCodes.TooLong, "Attachments are limited to 10 MB."));
            }

            if (string.IsNullOrWhiteSpace(a.ContentType))
            {
                errors.Add(new FieldError(string.Create(CultureInfo.InvariantCulture, $"attachments[{i}].contentType"), ErrorCodes.Required, "The content type is required."));
            }
        }
    }

    public static int AgeOn(DateOnly dateOfBirth, DateOnly today)
    {
        var age = today.Year - dateOfBirth.Year;
        return dateOfBirth > today.AddYears(-age) ? age - 1 : age;
    }
}
