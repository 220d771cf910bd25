namespace Asm.Research.Figures;

/// <summary>
/// The caption file beside the figures (<c>figures.md</c>): one section per figure, headed
/// <c>## &lt;file name&gt;</c>. A run of <c>asm figures</c> replaces the sections of the figures it drew
/// and keeps the others whose file is still there, so drawing one figure again does not drop the
/// captions of figures made earlier from other inputs (checkpoints that are gone, say).
/// </summary>
public static class CaptionFile
{
    /// <summary>The file's first line.</summary>
    public const string Header = "<!-- Written by asm figures; regenerate rather than edit. -->";

    private const string Heading = "## ";

    /// <summary>The sections of a caption file's <paramref name="text"/>, in order: the figure's file name and the section's text (heading included).</summary>
    public static IReadOnlyList<(string File, string Text)> Sections(string text)
    {
        var sections = new List<(string, string)>();
        string? file = null;
        var lines = new List<string>();
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith(Heading, StringComparison.Ordinal))
            {
                if (file is not null) sections.Add((file, string.Join('\n', lines).TrimEnd() + "\n"));
                file = line[Heading.Length..].Trim();
                lines.Clear();
            }
            if (file is not null) lines.Add(line);
        }
        if (file is not null) sections.Add((file, string.Join('\n', lines).TrimEnd() + "\n"));
        return sections;
    }

    /// <summary>
    /// The file's new text: the <paramref name="existing"/> sections in their order, each replaced by its
    /// <paramref name="fresh"/> one if any, else kept while <paramref name="figureExists"/> says its figure
    /// is still there; then the fresh sections that are new.
    /// </summary>
    public static string Merge(string? existing, IReadOnlyList<(string File, string Text)> fresh, Func<string, bool> figureExists)
    {
        var byFile = fresh.ToDictionary(s => s.File, s => s.Text);
        var old = existing is null ? [] : Sections(existing);
        var merged = old.Where(s => byFile.ContainsKey(s.File) || figureExists(s.File))
            .Select(s => byFile.GetValueOrDefault(s.File, s.Text))
            .Concat(fresh.Where(s => old.All(o => o.File != s.File)).Select(s => s.Text));
        return Header + "\n\n" + string.Join("\n", merged);
    }
}
