namespace Workflows.Functions.Api;

/// <summary>
/// Which files may be attached: PDF, PNG, JPEG and plain text, at most 10 MB each, and the content must
/// look like the declared type (a renamed executable is refused).
/// </summary>
public static class AttachmentRules
{
    /// <summary>The largest attachment.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The accepted content types.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/png", "image/jpeg", "text/plain",
    };

    /// <summary>The problem with an attachment, or null when it is acceptable.</summary>
    public static string? Problem(string? contentType, ReadOnlySpan<byte> content)
    {
        if (contentType is null || !Types.Contains(contentType))
        {
            return "Attach PDF, PNG, JPEG or plain-text files only.";
        }

        if (content.Length == 0)
        {
            return "The attachment is empty.";
        }

        if (content.Length > MaxBytes)
        {
            return "Attachments are limited to 10 MB.";
        }

        var looksRight = contentType.ToLowerInvariant() switch
        {
            "application/pdf" => content.StartsWith("%PDF-"u8),
            "image/png" => content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            "image/jpeg" => content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            _ => !content[..Math.Min(content.Length, 4096)].Contains((byte)0),
        };
        return looksRight ? null : "The file's content does not match its type.";
    }
}
