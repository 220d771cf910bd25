using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Asm.Research.Reports;
using Asm.Research.Visuals;

namespace Asm.Research.Notebooks;

/// <summary>
/// An executed notebook as an <see cref="HtmlReport"/>: what the run was (notebook, mode, parameters,
/// outcome), then every cell — prose, code, and its outputs in their saved (final) state. Charts are
/// drawn by the page's one embedded plotly.js, so the copy a notebook's setup cell displayed is left out.
/// </summary>
public static partial class NotebookReport
{
    /// <summary>The report of <paramref name="notebook"/> as executed (its outputs and metadata as the runner left them).</summary>
    public static HtmlReport Build(NotebookDocument notebook, NotebookCellError? error)
    {
        var cells = notebook.Cells;
        string name = Path.GetFileName(notebook.Path);
        string first = cells.Count > 0 && NotebookDocument.CellType(cells[0]!) == "markdown" ? NotebookDocument.Source(cells[0]!) : "";
        var heading = TitleLine().Match(first);
        var report = new HtmlReport(heading.Success ? heading.Groups[1].Value.Trim() : name);

        var papermill = notebook.Metadata["papermill"] as JsonObject;
        var facts = new List<(string, string)>
        {
            ("notebook", name),
            ("mode", notebook.Metadata["asm"]?["mode"]?.ToString() ?? "quick"),
            ("outcome", error is null ? "every cell ran" : $"stopped at cell {error.Cell}: {error.Name}"),
            ("duration", papermill?["duration"] is { } d ? $"{d} s" : "?"),
            ("written", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'")),
        };
        report.KeyValues(facts, "Run");
        var parameters = (papermill?["parameters"] as JsonObject)?.Select(p => (p.Key, p.Value?.ToString() ?? "")).ToList() ?? [];
        report.KeyValues(parameters.Count > 0 ? parameters : [("(none given)", "the parameters cell's defaults")], "Parameters");

        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!;
            string source = NotebookDocument.Source(cell);
            switch (NotebookDocument.CellType(cell))
            {
                case "markdown":
                    report.Markdown(i == 0 && heading.Success ? source[(heading.Index + heading.Length)..] : source);
                    break;
                case "code":
                    string tag = NotebookDocument.Tags(cell).Contains(NotebookParameters.InjectedTag) ? " (injected parameters)" : "";
                    report.Html($"<details class=\"asm-code\" open><summary>cell {i + 1}{tag}</summary><pre>{WebUtility.HtmlEncode(source)}</pre></details>");
                    if (cell["outputs"] is JsonArray outputs)
                        foreach (var output in outputs.OfType<JsonObject>()) AddOutput(report, output);
                    break;
            }
        }
        return report;
    }

    private static void AddOutput(HtmlReport report, JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                string text = NotebookDocument.Text(output["text"]);
                if (output["name"]?.GetValue<string>() == "stderr")
                    report.Html($"<pre class=\"asm-stderr\">{WebUtility.HtmlEncode(text)}</pre>");
                else report.Preformatted(text);
                break;
            case "error":
                report.Html($"<div class=\"asm-error\"><b>{WebUtility.HtmlEncode(output["ename"]?.ToString() ?? "Error")}</b>: {WebUtility.HtmlEncode(output["evalue"]?.ToString() ?? "")}</div>");
                break;
            case "display_data" or "execute_result" when output["data"] is JsonObject data:
                if (data["text/html"] is { } htmlNode)
                {
                    string html = NotebookDocument.Text(htmlNode);
                    if (html.Contains(Charts.PlotlyScriptId, StringComparison.Ordinal)) return; // the page embeds plotly.js once
                    report.Html($"<div class=\"asm-output\">{html}</div>",
                        charts: Count(html, "class=\"asm-plotly\""), images: Count(html, "src=\"data:image/"));
                }
                else if (data["image/png"] is { } png)
                    report.Html($"<div class=\"asm-output\"><img src=\"data:image/png;base64,{NotebookDocument.Text(png).Trim()}\" alt=\"output\"/></div>", images: 1);
                else if (data["text/plain"] is { } plain)
                    report.Preformatted(NotebookDocument.Text(plain));
                break;
        }
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    [GeneratedRegex(@"\A\s*#[ \t]+([^\n]+)")]
    private static partial Regex TitleLine();
}
