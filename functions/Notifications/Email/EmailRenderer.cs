using System.Net;
using System.Text;

namespace Workflows.Functions.Notifications.Email;

/// <summary>
/// Renders message content as accessible HTML (language and direction on the root, a real heading, a
/// data table with row headers, links that say what they do, colours with at least 4.5:1 contrast) and as
/// the equivalent plain text. An enclosed decision notice (hand delivery) is a section in its own
/// language and direction.
/// </summary>
public sealed class EmailRenderer(NotificationTexts texts)
{
    private const string Font = "font-family:'Segoe UI',Arial,'Noto Sans','Noto Sans Arabic','Microsoft YaHei',sans-serif;";

    /// <summary>The HTML document.</summary>
    public string Html(MessageContent content, IReadOnlyList<NotificationLink> links)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(links);
        var lang = content.Language;
        var dir = Direction(content);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\" dir=\"").Append(dir).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(E(content.Subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:16px;background:#ffffff;color:#1a1a1a;").Append(Font).Append("font-size:16px;line-height:1.5;text-align:").Append(Align(content)).Append("\">\n")
            .Append("<div role=\"article\" aria-label=\"").Append(E(content.Subject)).Append("\" lang=\"").Append(lang).Append("\" dir=\"").Append(dir).Append("\" style=\"max-width:600px\">\n")
            .Append("<h1 style=\"font-size:22px;margin:0 0 16px 0\">").Append(E(content.Subject)).Append("</h1>\n");
        AppendHtmlBody(html, content, 2);
        if (content.Enclosure is { } notice)
        {
            // The notice to print and hand over: its own language and direction, headed one level down.
            html.Append("<section lang=\"").Append(notice.Language).Append("\" dir=\"").Append(Direction(notice)).Append("\" aria-label=\"").Append(E(notice.Subject))
                .Append("\" style=\"border:1px solid #767676;padding:16px;margin:16px 0;text-align:").Append(Align(notice)).Append("\">\n")
                .Append("<h2 style=\"font-size:20px;margin:0 0 16px 0\">").Append(E(notice.Subject)).Append("</h2>\n");
            AppendHtmlBody(html, notice, 3);
            html.Append("</section>\n");
        }

        AppendButtons(html, content.Language, links);
        html.Append("<hr style=\"border:0;border-top:1px solid #767676;margin:24px 0 8px 0\">\n")
            .Append("<p style=\"font-size:13px;color:#4d4d4d\">").Append(E(texts.Get(lang, "email.footer"))).Append("</p>\n")
            .Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The plain-text alternative.</summary>
    public string Text(MessageContent content, IReadOnlyList<NotificationLink> links)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(links);
        var lang = content.Language;
        var text = new StringBuilder();
        text.Append(content.Subject).Append("\n\n");
        AppendTextBody(text, content);
        if (content.Enclosure is { } notice)
        {
            text.Append("\n----------------------------------------\n").Append(notice.Subject).Append("\n\n");
            AppendTextBody(text, notice);
            text.Append("----------------------------------------\n");
        }

        if (links.Count > 0)
        {
            text.Append('\n');
            foreach (var link in links)
            {
                text.Append(LinkLabel(lang, link.Rel)).Append(": ").Append(link.Href.AbsoluteUri).Append('\n');
            }

            text.Append('\n').Append(Notes(lang, links));
        }

        text.Append("\n--\n").Append(texts.Get(lang, "email.footer")).Append('\n');
        return text.ToString();
    }

    private static void AppendHtmlBody(StringBuilder html, MessageContent content, int headingLevel)
    {
        var align = Align(content);
        if (content.Greeting is { } greeting)
        {
            html.Append("<p>").Append(E(greeting)).Append("</p>\n");
        }

        html.Append("<p>").Append(E(content.Introduction)).Append("</p>\n")
            .Append("<table style=\"border-collapse:collapse;margin:16px 0\">\n<tbody>\n");
        foreach (var (label, value) in content.Facts)
        {
            html.Append("<tr><th scope=\"row\" style=\"text-align:").Append(align).Append(";padding:4px 16px 4px 0;font-weight:600\">").Append(E(label))
                .Append("</th><td style=\"padding:4px 0\">").Append(E(value)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (content.Challenge is { } challenge)
        {
            html.Append("<h").Append(headingLevel).Append(" style=\"font-size:18px\">").Append(E(challenge.Heading)).Append("</h").Append(headingLevel).Append(">\n<p>")
                .Append(E(challenge.Text)).Append("</p>\n");
        }
    }

    private static void AppendTextBody(StringBuilder text, MessageContent content)
    {
        if (content.Greeting is { } greeting)
        {
            text.Append(greeting).Append("\n\n");
        }

        text.Append(content.Introduction).Append("\n\n");
        foreach (var (label, value) in content.Facts)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
        }

        if (content.Challenge is { } challenge)
        {
            text.Append('\n').Append(challenge.Heading).Append('\n').Append(challenge.Text).Append('\n');
        }
    }

    private static string Direction(MessageContent content) => content.RightToLeft ? "rtl" : "ltr";

    private static string Align(MessageContent content) => content.RightToLeft ? "right" : "left";

    private void AppendButtons(StringBuilder html, string lang, IReadOnlyList<NotificationLink> links)
    {
        if (links.Count == 0)
        {
            return;
        }

        html.Append("<p style=\"margin:24px 0\">\n");
        foreach (var link in links)
        {
            var colour = link.Rel switch
            {
                "approve" => "#0b6e2f",
                "reject" => "#a61c00",
                _ => "#0b5394",
            };
            html.Append("<a href=\"").Append(E(link.Href.AbsoluteUri)).Append("\" style=\"display:inline-block;margin:0 8px 8px 0;padding:10px 18px;background:")
                .Append(colour).Append(";color:#ffffff;text-decoration:underline;font-weight:600;border-radius:4px\">")
                .Append(E(LinkLabel(lang, link.Rel))).Append("</a>\n");
        }

        html.Append("</p>\n<p style=\"font-size:14px\">").Append(E(Notes(lang, links)).Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
    }

    private string Notes(string lang, IReadOnlyList<NotificationLink> links)
    {
        var notes = new StringBuilder();
        if (links.Any(l => l.Rel == "approve"))
        {
            notes.Append(texts.Get(lang, "email.linksNote")).Append('\n');
        }

        notes.Append(texts.Get(lang, "email.signInNote")).Append('\n');
        return notes.ToString();
    }

    private string LinkLabel(string lang, string rel) => texts.Get(lang, rel switch
    {
        "approve" => "action.approve",
        "reject" => "action.reject",
        "case" => "action.openCase",
        _ => "action.open",
    });

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
