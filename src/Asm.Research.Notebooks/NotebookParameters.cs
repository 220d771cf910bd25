using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Asm.Research.Notebooks;

/// <summary>
/// Papermill's convention for parameters, for C# notebooks: the code cell tagged <c>parameters</c>
/// declares them with their defaults (<c>int epochs = 3;</c>); given values are assigned in a new
/// cell, tagged <c>injected-parameters</c>, right after it. A value becomes a C# literal of the
/// declared type (int, long, double, float, bool, string); for any other type it is taken as a C#
/// expression. A name the parameters cell does not declare is refused, listing those it does.
/// </summary>
public static partial class NotebookParameters
{
    /// <summary>The tag of the cell holding the defaults.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell the runner inserts.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Parses <c>key=value</c> words (e.g. from <c>-p epochs=3</c>) into an ordered dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new NotebookException($"-p '{pair}': expected name=value");
            string name = pair[..eq].Trim();
            if (!Identifier().IsMatch(name)) throw new NotebookException($"-p '{pair}': '{name}' is not a C# variable name");
            result[name] = pair[(eq + 1)..];
        }
        return result;
    }

    /// <summary>The index of the cell tagged <see cref="Tag"/>, or -1.</summary>
    public static int FindCell(JsonArray cells)
    {
        for (int i = 0; i < cells.Count; i++)
            if (NotebookDocument.CellType(cells[i]!) == "code" && NotebookDocument.Tags(cells[i]!).Contains(Tag)) return i;
        return -1;
    }

    /// <summary>The variables a parameters cell declares, name → declared type, in order.</summary>
    public static IReadOnlyDictionary<string, string> Declared(string source)
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Declaration().Matches(source))
            declared.TryAdd(m.Groups["name"].Value, m.Groups["type"].Value);
        return declared;
    }

    /// <summary>
    /// Inserts the injected-parameters cell after the parameters cell of <paramref name="notebook"/>
    /// and returns its index; records the values in <c>metadata.papermill.parameters</c>. Nothing
    /// happens (returns -1) when no values are given.
    /// </summary>
    public static int Inject(NotebookDocument notebook, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0) return -1;
        string name = System.IO.Path.GetFileName(notebook.Path);
        int at = FindCell(notebook.Cells);
        if (at < 0)
            throw new NotebookException($"{name} has no cell tagged '{Tag}', so it takes no parameters (-p {string.Join(", -p ", values.Keys)})");
        var declared = Declared(NotebookDocument.Source(notebook.Cells[at]!));
        var code = new StringBuilder("// Parameters given to asm notebook run (papermill convention: they follow the defaults).\n");
        var recorded = new JsonObject();
        foreach (var (key, raw) in values)
        {
            if (!declared.TryGetValue(key, out string? type))
                throw new NotebookException($"{name}: '{key}' is not a parameter; its parameters cell (cell {at + 1}) declares {string.Join(", ", declared.Keys)}");
            code.Append(key).Append(" = ").Append(Literal(name, key, type, raw)).Append(";\n");
            recorded[key] = raw;
        }
        notebook.Cells.Insert(at + 1, NotebookDocument.CodeCell(code.ToString().TrimEnd('\n'), InjectedTag));
        NotebookDocument.Child(notebook.Metadata, "papermill")["parameters"] = recorded;
        return at + 1;
    }

    /// <summary>The C# literal for <paramref name="raw"/> given the declared type.</summary>
    public static string Literal(string notebook, string key, string type, string raw)
    {
        var inv = CultureInfo.InvariantCulture;
        string Bad(string what) => throw new NotebookException($"{notebook}: parameter {key} is declared {type}; '{raw}' is not {what}");
        switch (type)
        {
            case "string": return StringLiteral(raw);
            case "bool": return bool.TryParse(raw.Trim(), out bool b) ? (b ? "true" : "false") : Bad("true or false");
            case "int": return int.TryParse(raw.Trim(), NumberStyles.Integer, inv, out int i) ? i.ToString(inv) : Bad("a whole number");
            case "long": return long.TryParse(raw.Trim(), NumberStyles.Integer, inv, out long l) ? l.ToString(inv) + "L" : Bad("a whole number");
            case "double": return double.TryParse(raw.Trim(), NumberStyles.Float, inv, out double d) && double.IsFinite(d) ? d.ToString("R", inv) + "d" : Bad("a number");
            case "float": return float.TryParse(raw.Trim(), NumberStyles.Float, inv, out float f) && float.IsFinite(f) ? f.ToString("R", inv) + "f" : Bad("a number");
            case "var":
                if (bool.TryParse(raw.Trim(), out bool vb)) return vb ? "true" : "false";
                if (int.TryParse(raw.Trim(), NumberStyles.Integer, inv, out int vi)) return vi.ToString(inv);
                if (double.TryParse(raw.Trim(), NumberStyles.Float, inv, out double vd) && double.IsFinite(vd)) return vd.ToString("R", inv) + "d";
                return StringLiteral(raw);
            default: return raw; // any other declared type: the value is a C# expression
        }
    }

    private static string StringLiteral(string raw)
    {
        var s = new StringBuilder("\"");
        foreach (char c in raw)
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return s.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    // A top-level declaration at the start of a line: "int epochs = 3;", "string mode = ...".
    [GeneratedRegex(@"^[ \t]*(?<type>[A-Za-z_][A-Za-z0-9_.]*(?:<[^=;]*>)?(?:\[\])?\??)[ \t]+(?<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)", RegexOptions.Multiline)]
    private static partial Regex Declaration();
}
