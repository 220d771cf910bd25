using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Asm.Research.Reports;

/// <summary>
/// The Markdown that notebooks' prose and reports use, as HTML: headings, paragraphs, bullet and
/// numbered lists, pipe tables, fenced code, and inline <c>`code`</c>, <c>**bold**</c>,
/// <c>*emphasis*</c> and <c>[links](url)</c>. Everything else is shown as text (HTML in the source is
/// escaped, never passed through), so a report can hold any string safely.
/// </summary>
public static partial class MarkdownText
{
    /// <summary>The HTML of <paramref name="markdown"/>.</summary>
    public static string ToHtml(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var html = new StringBuilder();
        var paragraph = new List<string>();
        void EndParagraph()
        {
            if (paragraph.Count == 0) return;
            html.Append("<p>").Append(Inline(string.Join(" ", paragraph))).Append("</p>\n");
            paragraph.Clear();
        }

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.Trim();
            if (trimmed.Length == 0) { EndParagraph(); continue; }
            if (trimmed.StartsWith("```"))
            {
                EndParagraph();
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].Trim().StartsWith("```"); i++) code.Add(lines[i]);
                html.Append("<pre><code>").Append(WebUtility.HtmlEncode(string.Join("\n", code))).Append("</code></pre>\n");
                continue;
            }
            if (Heading().Match(trimmed) is { Success: true } heading)
            {
                EndParagraph();
                int level = heading.Groups[1].Value.Length;
                html.Append($"<h{level}>").Append(Inline(heading.Groups[2].Value)).Append($"</h{level}>\n");
                continue;
            }
            if (trimmed.StartsWith('|') && i + 1 < lines.Length && TableRule().IsMatch(lines[i + 1].Trim()))
            {
                EndParagraph();
                html.Append("<table class=\"asm-md-table\"><thead><tr>");
                foreach (var cell in Cells(trimmed)) html.Append("<th>").Append(Inline(cell)).Append("</th>");
                html.Append("</tr></thead><tbody>");
                for (i += 2; i < lines.Length && lines[i].Trim().StartsWith('|'); i++)
                {
                    html.Append("<tr>");
                    foreach (var cell in Cells(lines[i].Trim())) html.Append("<td>").Append(Inline(cell)).Append("</td>");
                    html.Append("</tr>");
                }
                i--;
                html.Append("</tbody></table>\n");
                continue;
            }
            if (ListItem().Match(line) is { Success: true } item)
            {
                EndParagraph();
                bool ordered = char.IsDigit(item.Groups[1].Value[0]);
                html.Append(ordered ? "<ol>" : "<ul>");
                while (i < lines.Length && ListItem().Match(lines[i]) is { Success: true } next)
                {
                    var text = new StringBuilder(next.Groups[2].Value);
                    // Continuation lines (indented, not a new item) belong to the item.
                    while (i + 1 < lines.Length && lines[i + 1].StartsWith("  ") && lines[i + 1].Trim().Length > 0 && !ListItem().IsMatch(lines[i + 1]))
                        text.Append(' ').Append(lines[++i].Trim());
                    html.Append("<li>").Append(Inline(text.ToString())).Append("</li>");
                    i++;
                }
                i--;
                html.Append(ordered ? "</ol>\n" : "</ul>\n");
                continue;
            }
            paragraph.Add(trimmed);
        }
        EndParagraph();
        return html.ToString();
    }

    /// <summary>Inline markup of one line of text (the text is HTML-escaped first).</summary>
    public static string Inline(string text)
    {
        var parts = InlineCode().Split(text);
        var html = new StringBuilder();
        // Split with a capture group: odd parts are code spans, kept literally.
        for (int k = 0; k < parts.Length; k++)
        {
            string encoded = WebUtility.HtmlEncode(parts[k]);
            if (k % 2 == 1) { html.Append("<code>").Append(encoded).Append("</code>"); continue; }
            encoded = Bold().Replace(encoded, "<b>$1</b>");
            encoded = Emphasis().Replace(encoded, "<i>$1</i>");
            encoded = Link().Replace(encoded, m => IsSafeUrl(m.Groups[2].Value)
                ? $"<a href=\"{m.Groups[2].Value}\">{m.Groups[1].Value}</a>"
                : m.Groups[1].Value);
            html.Append(encoded);
        }
        return html.ToString();
    }

    private static bool IsSafeUrl(string url) =>
        !url.Contains(':') || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim());

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^\s{0,3}([-*]|\d+\.)\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
