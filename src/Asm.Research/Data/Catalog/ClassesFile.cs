using Asm.Research.Platform;
using System.Text.Json;
using Asm.Research.Data.Tasks;
using Asm.Research.Configuration;

namespace Asm.Research.Data.Catalog;

/// <summary>
/// A labelmaps folder's <c>classes.json</c>:
/// <code>
/// { "name": "my-data",
///   "classes": [ {"name": "background", "colour": "#000000"}, {"name": "road", "colour": "#804080"} ],
///   "void": 255, "voidColour": "#FFFFFF" }
/// </code>
/// <c>name</c> is optional (default: the folder's name); <c>classes</c> lists at least two classes in index order, each
/// with a unique name and a unique colour "#RRGGBB"; <c>void</c> (optional) is the value void has in class-index masks
/// and must lie after the classes (C…255); <c>voidColour</c> (optional) is the colour void has in colour masks and must
/// differ from every class colour. With a void colour but no void value, index masks' void value is 255. The American
/// spellings <c>color</c> and <c>voidColor</c> are accepted; any other field is refused (a misspelt field would
/// otherwise be silently ignored).
/// </summary>
/// <param name="Path">The file, for messages.</param>
/// <param name="Task">The task it describes (void index: <paramref name="VoidValue"/>).</param>
/// <param name="VoidValue">The value void has in index masks, or null when index masks have no void.</param>
/// <param name="VoidColour">The colour void has in colour masks, or null when colour masks have no void.</param>
public sealed record ClassesFile(string Path, SegmentationTask Task, int? VoidValue, (byte R, byte G, byte B)? VoidColour)
{
    /// <summary>The file's name in a labelmaps folder.</summary>
    public const string FileName = "classes.json";

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <param name="path">The classes file.</param>
    /// <param name="defaultName">The task's name when the file gives none.</param>
    /// <exception cref="DataException">Missing, not JSON, or a field is wrong; the message names the file and the field.</exception>
    public static ClassesFile Read(string path, string defaultName)
    {
        if (!File.Exists(path))
            throw new DataException(
                $"{path} not found: a labelmaps folder needs a classes file, e.g. " +
                "{ \"name\": \"my-data\", \"classes\": [ {\"name\": \"background\", \"colour\": \"#000000\"}, {\"name\": \"road\", \"colour\": \"#804080\"} ], \"void\": 255 }", path);
        string text;
        try
        {
            text = InputFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot be read ({e.Message}).", path, e);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, ConfigJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new DataException($"{path}: not valid JSON ({e.Message}).", path, e);
        }
        using (document)
            return Parse(path, document.RootElement, defaultName);
    }

    private static ClassesFile Parse(string path, JsonElement root, string defaultName)
    {
        DataException Bad(string field, string problem) => new($"{path}: {field}: {problem}.", path);

        if (root.ValueKind != JsonValueKind.Object)
            throw new DataException($"{path}: expected a JSON object with \"classes\" (and optionally \"name\", \"void\", \"voidColour\"), got {Kind(root)}.", path);
        string name = defaultName;
        JsonElement? classes = null;
        int? voidValue = null;
        (byte, byte, byte)? voidColour = null;
        string? voidColourText = null;
        foreach (var field in root.EnumerateObject())
        {
            switch (field.Name)
            {
                case "name":
                    if (field.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(field.Value.GetString()))
                        throw Bad("name", $"expected a non-empty string, got {Kind(field.Value)}");
                    name = field.Value.GetString()!.Trim();
                    break;
                case "classes":
                    classes = field.Value;
                    break;
                case "void":
                    if (field.Value.ValueKind == JsonValueKind.Null) break;
                    if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt32(out int v) || v is < 0 or > 255)
                        throw Bad("void", $"expected a whole number from 0 to 255 (the value void has in index masks), got {field.Value.GetRawText()}");
                    voidValue = v;
                    break;
                case "voidColour" or "voidColor":
                    if (field.Value.ValueKind == JsonValueKind.Null) break;
                    voidColourText = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.GetRawText();
                    voidColour = Colour(voidColourText, () => Bad(field.Name, $"'{voidColourText}' is not a colour of the form #RRGGBB"));
                    break;
                default:
                    throw Bad(field.Name, "unknown field (expected name, classes, void, voidColour)");
            }
        }
        if (classes is not { ValueKind: JsonValueKind.Array } list)
            throw Bad("classes", classes is null ? "missing: list the classes in index order, e.g. [ {\"name\": \"background\", \"colour\": \"#000000\"}, … ]" : $"expected an array, got {Kind(classes.Value)}");
        int count = list.GetArrayLength();
        if (count < 2)
            throw Bad("classes", $"{count} class{(count == 1 ? "" : "es")}; a multi-class task needs at least 2");
        if (count > SegmentationTask.MaxClasses)
            throw Bad("classes", $"{count} classes; at most {SegmentationTask.MaxClasses} (label maps are bytes and 255 is void)");

        var result = new List<SegmentationClass>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var colours = new Dictionary<(byte, byte, byte), int>();
        int i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            string at = $"classes[{i}]";
            if (entry.ValueKind != JsonValueKind.Object)
                throw Bad(at, $"expected an object {{\"name\": …, \"colour\": \"#RRGGBB\"}}, got {Kind(entry)}");
            string? className = null, colourText = null;
            foreach (var field in entry.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "name":
                        className = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()?.Trim() : null;
                        if (string.IsNullOrEmpty(className)) throw Bad($"{at}.name", $"expected a non-empty string, got {field.Value.GetRawText()}");
                        break;
                    case "colour" or "color":
                        colourText = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.GetRawText();
                        break;
                    default:
                        throw Bad($"{at}.{field.Name}", "unknown field (a class has name and colour)");
                }
            }
            if (className is null) throw Bad($"{at}.name", "missing: every class needs a name");
            if (colourText is null) throw Bad($"{at}.colour", $"missing: class {className} needs a colour \"#RRGGBB\"");
            var rgb = Colour(colourText, () => Bad($"{at}.colour", $"'{colourText}' is not a colour of the form #RRGGBB"));
            if (names.TryGetValue(className, out int first))
                throw Bad($"{at}.name", $"'{className}' is also the name of classes[{first}]; class names must be unique");
            if (colours.TryGetValue(rgb, out int same))
                throw Bad($"{at}.colour", $"{colourText} is also the colour of classes[{same}] ({result[same].Name}); class colours must be unique (colour masks could not tell them apart)");
            names[className] = i;
            colours[rgb] = i;
            result.Add(new SegmentationClass(className, SegmentationClass.Hex(rgb.R, rgb.G, rgb.B)));
            i++;
        }
        if (voidValue is { } vv && vv < count)
            throw Bad("void", $"{vv} lies inside the class indices 0–{count - 1}; void must be a value after the classes ({count}–255)");
        if (voidColour is { } vc && colours.TryGetValue(vc, out int clash))
            throw Bad("voidColour", $"{voidColourText} is also the colour of classes[{clash}] ({result[clash].Name})");

        int? voidIndex = voidValue ?? (voidColour is null ? null : SegmentationTask.VoidLabel);
        SegmentationTask task;
        try
        {
            task = SegmentationTask.MultiClass(name, result, voidIndex);
        }
        catch (ArgumentException e)
        {
            throw new DataException($"{path}: {e.Message}.", path, e);
        }
        return new ClassesFile(path, task, voidIndex, voidColour);
    }

    private static (byte R, byte G, byte B) Colour(string? text, Func<DataException> bad)
    {
        try
        {
            return SegmentationClass.ParseColour(text?.Trim() ?? "");
        }
        catch (FormatException)
        {
            throw bad();
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => $"the string {e.GetRawText()}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        _ => e.GetRawText(),
    };
}
