using System.Text.Json.Nodes;

namespace Asm.Research.Tests.Sweeps;

/// <summary>
/// Reads back the YAML subset the kit writes (block mappings, "- " sequences of mappings, flow
/// sequences and JSON-quoted scalars), to check a manifest's structure, not only its text.
/// </summary>
internal static class YamlSubset
{
    public static IReadOnlyList<JsonObject> Documents(string yaml) =>
        yaml.Split("---\n").Select(doc => Parse(doc.Split('\n').Where(l => l.Trim().Length > 0).ToList())).ToList();

    private static JsonObject Parse(List<string> lines)
    {
        int position = 0;
        return ReadMapping(lines, ref position, 0);
    }

    private static JsonObject ReadMapping(List<string> lines, ref int position, int indent)
    {
        var result = new JsonObject();
        while (position < lines.Count && Indent(lines[position]) == indent && !lines[position].TrimStart().StartsWith("- "))
        {
            string line = lines[position].Trim();
            int colon = KeyEnd(line);
            string key = line[..colon].Trim();
            if (key.StartsWith('"')) key = JsonNode.Parse(key)!.GetValue<string>();
            string rest = line[(colon + 1)..].Trim();
            position++;
            result[key] = rest.Length > 0 ? JsonNode.Parse(rest) : ReadBlock(lines, ref position, indent + 2);
        }
        return result;
    }

    private static JsonNode ReadBlock(List<string> lines, ref int position, int indent)
    {
        if (!lines[position].TrimStart().StartsWith("- ")) return ReadMapping(lines, ref position, indent);
        var array = new JsonArray();
        while (position < lines.Count && Indent(lines[position]) == indent && lines[position].TrimStart().StartsWith("- "))
        {
            // "- key: value" opens a mapping whose keys sit two columns further in.
            lines[position] = new string(' ', indent + 2) + lines[position].TrimStart()[2..];
            array.Add(ReadMapping(lines, ref position, indent + 2));
        }
        return array;
    }

    // The key ends at the first ':' outside a quoted key.
    private static int KeyEnd(string line)
    {
        if (!line.StartsWith('"')) return line.IndexOf(':');
        int close = line.IndexOf('"', 1);
        while (line[close - 1] == '\\') close = line.IndexOf('"', close + 1);
        return line.IndexOf(':', close);
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;
}
