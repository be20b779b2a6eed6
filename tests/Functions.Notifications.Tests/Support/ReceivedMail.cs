using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>
/// Reads the MIME message of a Graph <c>sendMail</c> request (base64 in a text/plain body) the way a mail
/// client would: unfolded headers with encoded words decoded, and the decoded parts of the multipart body.
/// </summary>
public sealed partial class ReceivedMail
{
    private ReceivedMail(string raw, Dictionary<string, string> headers, IReadOnlyList<(string ContentType, string Text)> parts)
    {
        Raw = raw;
        Headers = headers;
        Parts = parts;
    }

    /// <summary>The message as sent (before base64), with CRLF line ends.</summary>
    public string Raw { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Each part's media type (with parameters) and decoded text, in order.</summary>
    public IReadOnlyList<(string ContentType, string Text)> Parts { get; }

    public string Text => Parts.Single(p => p.ContentType.StartsWith("text/plain", StringComparison.Ordinal)).Text;

    public string Html => Parts.Single(p => p.ContentType.StartsWith("text/html", StringComparison.Ordinal)).Text;

    /// <summary>The fact rows of the HTML (label, value), in order.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts => FactsOf(Html);

    public static IReadOnlyList<(string Label, string Value)> FactsOf(string html) =>
        FactRowPattern().Matches(html).Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), System.Net.WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    public static ReceivedMail From(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = Encoding.ASCII.GetString(Convert.FromBase64String(request.Body!));
        var (headerBlock, body) = Split(raw);
        var headers = ReadHeaders(headerBlock);
        var boundary = BoundaryPattern().Match(headers["Content-Type"]).Groups[1].Value;
        var parts = new List<(string, string)>();
        foreach (var section in body.Split("--" + boundary).Skip(1))
        {
            if (section.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var (partHeaderBlock, partBody) = Split(section.TrimStart('\r', '\n'));
            var partHeaders = ReadHeaders(partHeaderBlock);
            var text = partHeaders["Content-Transfer-Encoding"] == "base64"
                ? Encoding.UTF8.GetString(Convert.FromBase64String(partBody.Replace("\r\n", string.Empty, StringComparison.Ordinal)))
                : partBody;
            parts.Add((partHeaders["Content-Type"], text));
        }

        return new ReceivedMail(raw, headers, parts);
    }

    private static (string Headers, string Body) Split(string entity)
    {
        var end = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (entity[..end], entity[(end + 4)..]);
    }

    private static Dictionary<string, string> ReadHeaders(string block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in FoldPattern().Replace(block, string.Empty).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = Decode(line[(colon + 1)..].Trim());
        }

        return headers;
    }

    private static string Decode(string value) =>
        EncodedWordPattern().Replace(BetweenWordsPattern().Replace(value, "?==?"), m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));

    [GeneratedRegex("\r\n(?=[ \t])")]
    private static partial Regex FoldPattern();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWordsPattern();

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWordPattern();

    [GeneratedRegex("<tr><th scope=\"row\"[^>]*>(.*?)</th><td[^>]*>(.*?)</td></tr>")]
    private static partial Regex FactRowPattern();

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryPattern();
}
