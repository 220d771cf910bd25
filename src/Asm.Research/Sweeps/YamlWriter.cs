using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Asm.Research.Sweeps;

/// <summary>
/// Writes a JSON tree as block-style YAML: mappings and sequences of mappings as indented blocks,
/// sequences of scalars in flow style, every string as a JSON (double-quoted) string, which is
/// also a valid YAML scalar, so nothing a user typed can change the document's structure.
/// </summary>
public static partial class YamlWriter
{
    /// <summary>One YAML document for <paramref name="node"/> (an object).</summary>
    public static string Write(JsonObject node)
    {
        var text = new StringBuilder();
        WriteObject(node, 0, text);
        return text.ToString();
    }

    private static void WriteObject(JsonObject obj, int indent, StringBuilder text, bool firstLineIndented = true)
    {
        bool first = true;
        foreach (var (key, value) in obj)
        {
            if (!first || firstLineIndented) text.Append(' ', indent);
            first = false;
            text.Append(Key(key)).Append(':');
            WriteValue(value, indent, text);
        }
    }

    private static void WriteValue(JsonNode? value, int indent, StringBuilder text)
    {
        switch (value)
        {
            case JsonObject child when child.Count > 0:
                text.AppendLine();
                WriteObject(child, indent + 2, text);
                break;
            case JsonArray array when array.Count > 0 && array.Any(item => item is JsonObject):
                text.AppendLine();
                foreach (var item in array)
                {
                    text.Append(' ', indent + 2).Append("- ");
                    if (item is JsonObject element && element.Count > 0) WriteObject(element, indent + 4, text, firstLineIndented: false);
                    else text.AppendLine(Scalar(item));
                }
                break;
            default:
                text.Append(' ').AppendLine(Scalar(value));
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray array => $"[{string.Join(", ", array.Select(Scalar))}]",
        _ => YamlBreaksEscaped(node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })),
    };

    // YAML 1.1 readers (kubectl's among them) take NEL, LS and PS as line breaks even inside quotes, and fold them.
    private static string YamlBreaksEscaped(string json) =>
        json.Replace("\u0085", "\\u0085").Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");

    private static string Key(string key) => PlainKey().IsMatch(key) ? key : JsonSerializer.Serialize(key);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_./\-]*$")]
    private static partial Regex PlainKey();
}
