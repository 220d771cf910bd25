using System.Text.Json;
using System.Text.Json.Nodes;
using Asm.Research.Configuration;
using Asm.Research.Platform;

namespace Asm.Research.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4) held as JSON, so that everything the runner does not touch —
/// metadata, cell ids, attachments — is written back as it was read.
/// </summary>
public sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private NotebookDocument(string path, JsonObject root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>Where it was read from.</summary>
    public string Path { get; }

    /// <summary>The whole document.</summary>
    public JsonObject Root { get; }

    /// <summary>The cells, in order.</summary>
    public JsonArray Cells => Root["cells"] as JsonArray ?? throw new NotebookException($"{Path}: no \"cells\" array");

    /// <summary>The notebook's metadata object (created when missing).</summary>
    public JsonObject Metadata => Child(Root, "metadata");

    /// <summary>Reads a .ipynb file; a missing or malformed file is a <see cref="NotebookException"/> naming it.</summary>
    public static NotebookDocument Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new NotebookException($"notebook '{full}' does not exist");
        JsonNode? node;
        try { node = JsonNode.Parse(InputFile.ReadAllText(full), documentOptions: ConfigJson.DocumentOptions); }
        catch (JsonException e) { throw new NotebookException($"{full} is not a notebook (invalid JSON: {e.Message})"); }
        if (node is not JsonObject root || root["cells"] is not JsonArray cells)
            throw new NotebookException($"{full} is not a Jupyter notebook (no \"cells\" array)");
        if (root["nbformat"] is { } version)
        {
            if (version.GetValueKind() != JsonValueKind.Number || !version.AsValue().TryGetValue(out int format))
                throw new NotebookException($"{full}: \"nbformat\" must be a whole number (4), not {version.ToJsonString()}");
            if (format < 4)
                throw new NotebookException($"{full} is nbformat {format}; only nbformat 4 is supported");
        }
        for (int i = 0; i < cells.Count; i++)
            if (MalformedCell(cells[i]) is { } problem)
                throw new NotebookException($"{full}: cell {i + 1} is malformed: {problem}");
        return new NotebookDocument(full, root);
    }

    // Checked once on reading, so that the runner's accessors never meet a value of the wrong JSON type.
    private static string? MalformedCell(JsonNode? cell)
    {
        if (cell is not JsonObject fields) return $"expected an object, got {cell?.ToJsonString() ?? "null"}";
        if (fields["cell_type"] is not JsonValue type || !type.TryGetValue(out string? kind) || kind is not ("code" or "markdown" or "raw"))
            return $"\"cell_type\" must be \"code\", \"markdown\" or \"raw\", not {fields["cell_type"]?.ToJsonString() ?? "missing"}";
        if (!IsText(fields["source"]))
            return $"\"source\" must be a string or a list of strings, not {fields["source"]?.ToJsonString() ?? "missing"}";
        if (fields["metadata"] is { } metadata && metadata is not JsonObject)
            return $"\"metadata\" must be an object, not {metadata.ToJsonString()}";
        if (fields["metadata"]?["tags"] is { } tags && !(tags is JsonArray list && list.All(t => t is JsonValue v && v.TryGetValue(out string? _))))
            return $"\"metadata.tags\" must be a list of strings, not {tags.ToJsonString()}";
        if (fields["outputs"] is { } outputs && outputs is not JsonArray)
            return $"\"outputs\" must be a list, not {outputs.ToJsonString()}";
        return null;
    }

    private static bool IsText(JsonNode? value) => value switch
    {
        JsonValue v => v.TryGetValue(out string? _),
        JsonArray lines => lines.All(l => l is JsonValue line && line.TryGetValue(out string? _)),
        _ => false,
    };

    /// <summary>A cell's type: code, markdown or raw.</summary>
    public static string CellType(JsonNode cell) => cell["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>A cell's source as one string (nbformat allows a string or a list of lines).</summary>
    public static string Source(JsonNode cell) => Text(cell["source"]);

    /// <summary>A cell's tags (metadata.tags).</summary>
    public static IReadOnlyList<string> Tags(JsonNode cell) =>
        cell["metadata"]?["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>() ?? "").ToList() : [];

    /// <summary>The text of a multi-line string field (string or list of lines).</summary>
    public static string Text(JsonNode? value) => value switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v when v.TryGetValue(out string? s) => s ?? "",
        _ => "",
    };

    /// <summary>Text as nbformat's list of lines, each but the last ending in a newline.</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n')
            {
                array.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }

    /// <summary>A new code cell with the given source and tags.</summary>
    public static JsonObject CodeCell(string source, params string[] tags) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["id"] = Guid.NewGuid().ToString("N")[..8],
        ["metadata"] = new JsonObject
        {
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        },
        ["outputs"] = new JsonArray(),
        ["source"] = Lines(source),
    };

    /// <summary>The child object <paramref name="name"/> of <paramref name="parent"/>, created when missing.</summary>
    public static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing) return existing;
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    /// <summary>Writes the document to <paramref name="path"/> through a temporary file (a reader never sees half a notebook).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, Root.ToJsonString(Indented) + "\n");
}
