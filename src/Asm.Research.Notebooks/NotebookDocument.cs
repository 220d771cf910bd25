using System.Text.Json;
using System.Text.Json.Nodes;
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
        try { node = JsonNode.Parse(File.ReadAllText(full)); }
        catch (JsonException e) { throw new NotebookException($"{full} is not a notebook (invalid JSON: {e.Message})"); }
        if (node is not JsonObject root || root["cells"] is not JsonArray)
            throw new NotebookException($"{full} is not a Jupyter notebook (no \"cells\" array)");
        if (root["nbformat"]?.GetValue<int>() is int format && format < 4)
            throw new NotebookException($"{full} is nbformat {format}; only nbformat 4 is supported");
        return new NotebookDocument(full, root);
    }

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
