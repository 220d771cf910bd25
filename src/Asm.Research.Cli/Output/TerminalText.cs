using System.Globalization;
using System.Text;

namespace Asm.Research.Cli.Output;

/// <summary>
/// Text from records and files made safe to print: a label or sweep name can hold escape sequences that would
/// move the cursor, retitle the window or hide the text that follows, so control characters and the
/// invisible direction overrides are replaced by '?' before they reach a terminal.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with every control, line/paragraph separator and bidirectional-override character replaced by '?'.</summary>
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!text.Any(Unsafe)) return text;
        var plain = new StringBuilder(text.Length);
        foreach (char c in text) plain.Append(Unsafe(c) ? '?' : c);
        return plain.ToString();
    }

    /// <summary><see cref="Plain"/> text escaped for Spectre.Console markup (a table cell, a title).</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Plain(text));

    /// <summary><see cref="Plain"/> applied to each line: the line breaks stay, every other unsafe character is replaced.</summary>
    public static string PlainLines(string? text) => string.Join('\n', (text ?? "").Split('\n').Select(line => Plain(line.TrimEnd('\r'))));

    private static bool Unsafe(char c) =>
        char.IsControl(c) ||
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ||
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
