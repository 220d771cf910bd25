using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asm.Research.Configuration;

namespace Asm.Research.Visuals;

/// <summary>
/// A config record (or any record) as a readable tree: the kit's JSON shape (<see cref="ConfigJson"/>),
/// so names are the camelCase keys that <c>--set</c> takes; nested records are branches, arrays are
/// written <c>[1, 2]</c> rather than <c>System.Int32[]</c>.
/// </summary>
/// <param name="Name">The key (empty for the root).</param>
/// <param name="Value">A leaf's value as text, or null for a branch.</param>
/// <param name="Children">A branch's fields in declaration order (empty for a leaf).</param>
public sealed record RecordTreeView(string Name, string? Value, IReadOnlyList<RecordTreeView> Children)
{
    /// <summary>The tree of <paramref name="value"/>'s public properties, through its JSON form.</summary>
    public static RecordTreeView From(object value, string name = "")
    {
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), ConfigJson.Options);
        return FromNode(name, node);
    }

    /// <summary>Every leaf as <c>dotted.path = value</c>, one per line (the keys <c>--set</c> takes).</summary>
    public IEnumerable<string> Lines() => Leaves("").Select(l => $"{l.Path} = {l.Value}");

    /// <summary>Every leaf with its dotted path.</summary>
    public IEnumerable<(string Path, string Value)> Leaves(string prefix = "")
    {
        string path = prefix.Length == 0 ? Name : Name.Length == 0 ? prefix : $"{prefix}.{Name}";
        if (Value is not null) yield return (path, Value);
        foreach (var child in Children)
            foreach (var leaf in child.Leaves(path))
                yield return leaf;
    }

    /// <summary>
    /// Nested HTML lists: leaves as <c>key = value</c>, branches as open <c>&lt;details&gt;</c> that can be
    /// folded; <paramref name="title"/> (default: the record's type) heads the root.
    /// </summary>
    public string ToHtml(string? title = null)
    {
        var html = new StringBuilder("<div class=\"asm-config\" style=\"font-family:monospace;font-size:small\">");
        if (!string.IsNullOrEmpty(title)) html.Append("<div style=\"font-weight:bold\">").Append(WebUtility.HtmlEncode(title)).Append("</div>");
        AppendChildren(html, this);
        return html.Append("</div>").ToString();
    }

    /// <summary>The lines of <see cref="Lines"/>.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Lines());

    private static void AppendChildren(StringBuilder html, RecordTreeView branch)
    {
        html.Append("<ul style=\"list-style:none;margin:0;padding-left:1.2em\">");
        foreach (var child in branch.Children)
        {
            html.Append("<li>");
            if (child.Value is not null)
                html.Append("<span style=\"color:#555\">").Append(WebUtility.HtmlEncode(child.Name)).Append("</span> = ")
                    .Append(WebUtility.HtmlEncode(child.Value));
            else
            {
                html.Append("<details open><summary>").Append(WebUtility.HtmlEncode(child.Name)).Append("</summary>");
                AppendChildren(html, child);
                html.Append("</details>");
            }
            html.Append("</li>");
        }
        html.Append("</ul>");
    }

    private static RecordTreeView FromNode(string name, JsonNode? node) => node switch
    {
        JsonObject obj => new RecordTreeView(name, null, obj.Select(p => FromNode(p.Key, p.Value)).ToList()),
        _ => new RecordTreeView(name, Text(node), []),
    };

    private static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray array => "[" + string.Join(", ", array.Select(Text)) + "]",
        JsonObject obj => "{" + string.Join(", ", obj.Select(p => $"{p.Key}: {Text(p.Value)}")) + "}",
        JsonValue value when value.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue(out string? s) => s ?? "null",
        _ => node.ToJsonString(),
    };
}
