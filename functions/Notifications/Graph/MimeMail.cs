using System.Globalization;
using System.Text;
using Workflows.Functions.Notifications.Email;

namespace Workflows.Functions.Notifications.Graph;

/// <summary>
/// Writes an email as an Internet message (RFC 5322, MIME): <c>multipart/alternative</c> with the plain
/// text first and the HTML last (the part readers prefer when they can show it), both UTF-8 in base64,
/// non-ASCII header text as RFC 2047 encoded words, lines folded to at most 78 characters.
/// </summary>
internal static class MimeMail
{
    private const string Crlf = "\r\n";

    // An encoded word may be 75 characters long; 39 bytes of UTF-8 make 52 base64 characters, so a word
    // with its 12 characters of framing still fits on a line after "Subject: ".
    private const int EncodedWordBytes = 39;

    /// <summary>The message's bytes (ASCII).</summary>
    /// <param name="message">The rendered email.</param>
    /// <param name="from">The sending mailbox's address, or null to let the provider fill it in.</param>
    /// <param name="date">The Date header.</param>
    /// <param name="messageId">The Message-ID, without angle brackets.</param>
    /// <param name="highImportance">Marks the message as important (escalations).</param>
    public static byte[] Write(EmailMessage message, string? from, DateTimeOffset date, string messageId, bool highImportance)
    {
        ArgumentNullException.ThrowIfNull(message);
        var boundary = "=_alt_" + messageId.Split('@')[0];
        var mime = new StringBuilder();
        if (from is not null)
        {
            Header(mime, "From", "<" + Address(from) + ">");
        }

        Header(mime, "To", Mailbox(message.ToName, message.ToAddress));
        Header(mime, "Subject", Text(message.Subject));
        Header(mime, "Date", date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(mime, "Message-ID", "<" + Clean(messageId) + ">");
        Header(mime, "MIME-Version", "1.0");
        Header(mime, "Content-Language", Clean(message.Language));

        // Automatic mail (RFC 3834): no out-of-office or other automatic replies to the sending mailbox.
        Header(mime, "Auto-Submitted", "auto-generated");
        Header(mime, "X-Auto-Response-Suppress", "All");
        if (highImportance)
        {
            Header(mime, "Importance", "High");
        }

        Header(mime, "Content-Type", "multipart/alternative;" + Crlf + " boundary=\"" + boundary + "\"");
        mime.Append(Crlf);
        Part(mime, boundary, "text/plain", message.Text);
        Part(mime, boundary, "text/html", message.Html);
        mime.Append("--").Append(boundary).Append("--").Append(Crlf);
        return Encoding.ASCII.GetBytes(mime.ToString());
    }

    private static void Part(StringBuilder mime, string boundary, string mediaType, string content)
    {
        mime.Append("--").Append(boundary).Append(Crlf)
            .Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8").Append(Crlf)
            .Append("Content-Transfer-Encoding: base64").Append(Crlf)
            .Append(Crlf);

        // Text in a message has CRLF line ends (its canonical form) before it is encoded.
        var canonical = content.ReplaceLineEndings(Crlf);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(canonical));
        for (var i = 0; i < encoded.Length; i += 76)
        {
            mime.Append(encoded, i, Math.Min(76, encoded.Length - i)).Append(Crlf);
        }
    }

    private static void Header(StringBuilder mime, string name, string value) =>
        mime.Append(name).Append(": ").Append(value).Append(Crlf);

    /// <summary>A display name and address: <c>"Name" &lt;address&gt;</c>, the name encoded when it is not ASCII.</summary>
    private static string Mailbox(string? name, string address)
    {
        var angle = "<" + Address(address) + ">";
        if (string.IsNullOrWhiteSpace(name))
        {
            return angle;
        }

        var clean = Clean(name);
        var phrase = IsAscii(clean) ? "\"" + clean.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : EncodedWords(clean);
        return phrase + Crlf + " " + angle;
    }

    /// <summary>Unstructured header text: as is when ASCII (folded at spaces), else encoded words.</summary>
    private static string Text(string value)
    {
        var clean = Clean(value);
        return IsAscii(clean) ? Fold(clean) : EncodedWords(clean);
    }

    private static string EncodedWords(string value)
    {
        var words = new List<string>();
        var chunk = new StringBuilder();
        var bytes = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > EncodedWordBytes)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                bytes = 0;
            }

            chunk.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        words.Add(EncodedWord(chunk.ToString()));
        return string.Join(Crlf + " ", words);
    }

    private static string EncodedWord(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static string Fold(string value)
    {
        var lines = new StringBuilder();
        var line = 0;
        foreach (var word in value.Split(' '))
        {
            if (line > 0 && line + 1 + word.Length > 68)
            {
                lines.Append(Crlf);
                line = 0;
            }

            if (lines.Length > 0)
            {
                lines.Append(' ');
                line++;
            }

            lines.Append(word);
            line += word.Length;
        }

        return lines.ToString();
    }

    /// <summary>An address with an internationalised domain in its ASCII (punycode) form.</summary>
    private static string Address(string address)
    {
        var clean = Clean(address);
        var at = clean.LastIndexOf('@');
        return at < 0 || IsAscii(clean[at..]) ? clean : clean[..(at + 1)] + new IdnMapping().GetAscii(clean[(at + 1)..]);
    }

    private static bool IsAscii(string value) => value.All(c => c is >= ' ' and <= '~');

    /// <summary>Header text on one line: control characters (CR, LF...) become spaces, so nothing can add a header.</summary>
    private static string Clean(string value) =>
        string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
}
