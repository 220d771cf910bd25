using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Asm.Research.Notebooks;

/// <summary>
/// Papermill's convention for parameters, for C# notebooks: the code cell tagged <c>parameters</c>
/// declares them with their defaults (<c>int epochs = 3;</c>); given values are assigned in a new
/// cell, tagged <c>injected-parameters</c>, right after it. A value becomes a C# literal of the
/// declared type (int, long, double, float, bool, string, their arrays and nullable forms); no
/// value is ever taken as code, so any other declared type is refused. A name the parameters cell
/// does not declare is refused, listing those it does.
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

    /// <summary>The declared types a value can be given for: these scalars, their arrays (<c>double[]</c>) and nullable forms (<c>int?</c>).</summary>
    public const string Accepted = "bool, int, long, float, double, string or var, an array of one of them (e.g. double[]) or a nullable one (e.g. int?)";

    /// <summary>
    /// The C# literal for <paramref name="raw"/> given the declared type; never code. An array takes
    /// a JSON array (<c>[0.5, 1]</c>, <c>["a", "b"]</c>) or comma-separated values (<c>0.5,1</c>); a
    /// nullable type also takes <c>null</c>. Any other declared type is refused, naming those accepted.
    /// </summary>
    public static string Literal(string notebook, string key, string type, string raw)
    {
        string bare = type.Replace(" ", "");
        if (bare.EndsWith("[]", StringComparison.Ordinal))
        {
            string element = bare[..^2];
            if (!IsScalar(element) || element == "var") throw Unsupported(notebook, key, type);
            var items = ArrayItems(notebook, key, type, raw).Select(item => ScalarLiteral(notebook, key, element, item, type));
            return $"new {element}[] {{ {string.Join(", ", items)} }}";
        }
        bool nullable = bare.EndsWith('?');
        string scalar = nullable ? bare[..^1] : bare;
        if (!IsScalar(scalar)) throw Unsupported(notebook, key, type);
        if (nullable && scalar != "string" && raw.Trim() == "null") return "null";
        return ScalarLiteral(notebook, key, scalar, raw);
    }

    private static bool IsScalar(string type) => type is "bool" or "int" or "long" or "float" or "double" or "string" or "var";

    private static NotebookException Unsupported(string notebook, string key, string type) =>
        new($"{notebook}: parameter {key} is declared {type}; -p sets only parameters declared {Accepted}");

    // declared: the parameter's own type, for the message (an array's, when raw is one of its items).
    private static string ScalarLiteral(string notebook, string key, string type, string raw, string? declared = null)
    {
        var inv = CultureInfo.InvariantCulture;
        string Bad(string what) => throw new NotebookException($"{notebook}: parameter {key} is declared {declared ?? type}; '{raw}' is not {what}");
        switch (type)
        {
            case "string": return StringLiteral(raw);
            case "bool": return bool.TryParse(raw.Trim(), out bool b) ? (b ? "true" : "false") : Bad("true or false");
            case "int": return int.TryParse(raw.Trim(), NumberStyles.Integer, inv, out int i) ? i.ToString(inv) : Bad("a whole number");
            case "long": return long.TryParse(raw.Trim(), NumberStyles.Integer, inv, out long l) ? l.ToString(inv) + "L" : Bad("a whole number");
            case "double": return double.TryParse(raw.Trim(), NumberStyles.Float, inv, out double d) && double.IsFinite(d) ? d.ToString("R", inv) + "d" : Bad("a number");
            case "float": return float.TryParse(raw.Trim(), NumberStyles.Float, inv, out float f) && float.IsFinite(f) ? f.ToString("R", inv) + "f" : Bad("a number");
            default: // var
                if (bool.TryParse(raw.Trim(), out bool vb)) return vb ? "true" : "false";
                if (int.TryParse(raw.Trim(), NumberStyles.Integer, inv, out int vi)) return vi.ToString(inv);
                if (double.TryParse(raw.Trim(), NumberStyles.Float, inv, out double vd) && double.IsFinite(vd)) return vd.ToString("R", inv) + "d";
                return StringLiteral(raw);
        }
    }

    // A JSON array's elements as text (a JSON string's value, else the element as written), or comma-separated values.
    private static IEnumerable<string> ArrayItems(string notebook, string key, string type, string raw)
    {
        string text = raw.Trim();
        if (!text.StartsWith('[')) return text.Length == 0 ? [] : text.Split(',').Select(item => item.Trim());
        JsonArray array;
        try
        {
            array = JsonNode.Parse(text) as JsonArray ?? throw new System.Text.Json.JsonException();
        }
        catch (System.Text.Json.JsonException)
        {
            throw new NotebookException($"{notebook}: parameter {key} is declared {type}; '{raw}' is not a JSON array (e.g. [1, 2]) or comma-separated values");
        }
        return array.Select(item => item is JsonValue value && value.TryGetValue(out string? s) ? s : item?.ToJsonString() ?? "null");
    }

    // Every character C# does not take literally inside "..." is escaped: quotes, backslash, control
    // characters and the other line breaks C# knows (U+0085, U+2028, U+2029), so the value round-trips.
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
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
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
