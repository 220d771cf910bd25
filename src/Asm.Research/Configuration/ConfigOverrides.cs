using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Asm.Research.Configuration;

/// <summary>
/// Applies <c>key=value</c> overrides (the CLI's <c>--set</c>) to a config, in order: the key is
/// the dotted camelCase path of a field as it appears in the config's JSON (e.g. <c>asm.margin</c>,
/// <c>asm.layers=1,2,3</c>, <c>training.epochs</c>), the value is parsed as that field's type.
/// <c>method=NAME</c> applies that method's preset at its place in the order; it is refused when
/// the preset would overwrite a value an earlier override set, so no explicit value is ever
/// silently undone.
/// </summary>
public static class ConfigOverrides
{
    private const string MethodKey = "method";

    /// <summary>Returns <paramref name="config"/> with every override applied, in order.</summary>
    /// <exception cref="ConfigException">Unknown key, a value of the wrong type, or a method preset that would undo an earlier override.</exception>
    public static ExperimentConfig Apply(ExperimentConfig config, IEnumerable<string> assignments)
    {
        var root = ToTree(config);
        var explicitKeys = new Dictionary<string, string>(StringComparer.Ordinal); // field path → the override that set it
        foreach (var assignment in assignments)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new ConfigException($"--set '{assignment}': expected key=value, e.g. asm.margin=0.5");
            string key = assignment[..eq].Trim(), value = assignment[(eq + 1)..].Trim();
            if (key.StartsWith(TaskPrefix, StringComparison.OrdinalIgnoreCase) || string.Equals(key, "task", StringComparison.OrdinalIgnoreCase))
                throw new ConfigException($"--set {assignment}: the task (classes, colours, void) belongs to the data and is read from it; " +
                                          "point --data (data.source) at the data, or give a labelmaps folder a classes.json");
            if (string.Equals(key, MethodKey, StringComparison.OrdinalIgnoreCase))
                root = ApplyPreset(root, value, assignment, explicitKeys);
            else
                explicitKeys[Set(root, key, value)] = assignment;
        }
        return FromTree(root);
    }

    /// <summary>Every settable key, for help texts and error messages (the task's are the data's, not settable).</summary>
    public static IReadOnlyList<string> Keys(ExperimentConfig config) =>
        ConfigTree.Flatten(ToTree(config)).Keys.Where(k => !k.StartsWith(TaskPrefix, StringComparison.Ordinal)).ToList();

    private const string TaskPrefix = "task.";

    private static JsonObject ApplyPreset(JsonObject root, string method, string assignment, Dictionary<string, string> explicitKeys)
    {
        var before = ConfigTree.Flatten(root);
        var after = ToTree(FromTree(root).WithMethod(method));
        var undone = ConfigTree.Flatten(after)
            .Where(kv => explicitKeys.ContainsKey(kv.Key) && before.GetValueOrDefault(kv.Key) != kv.Value)
            .Select(kv => $"{kv.Key} (set by --set {explicitKeys[kv.Key]})")
            .ToList();
        if (undone.Count > 0)
            throw new ConfigException(
                $"--set {assignment}: the {method} preset would overwrite {string.Join(", ", undone)}. " +
                "Choose the method first (--method, or --set method=… before the other --set values).");
        return after;
    }

    private static JsonObject ToTree(ExperimentConfig config) => JsonSerializer.SerializeToNode(config, ConfigJson.Options)!.AsObject();

    private static ExperimentConfig FromTree(JsonObject root)
    {
        try
        {
            return root.Deserialize<ExperimentConfig>(ConfigJson.Options)!;
        }
        catch (JsonException e)
        {
            throw new ConfigException($"--set {e.Path?.TrimStart('$', '.')}: not a valid value for that field");
        }
    }

    // Sets one field and returns its canonical path (the JSON's spelling).
    private static string Set(JsonObject root, string key, string value)
    {
        var parts = key.Split('.');
        JsonObject parent = root;
        Type type = typeof(ExperimentConfig);
        var path = new List<string>();
        for (int i = 0; i < parts.Length; i++)
        {
            var match = parent.FirstOrDefault(p => string.Equals(p.Key, parts[i], StringComparison.OrdinalIgnoreCase));
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(p.Name, parts[i], StringComparison.OrdinalIgnoreCase));
            // A field left out of the JSON while null (training.initFrom) is still a key.
            if (match.Key is null && property is not null && i == parts.Length - 1 && OmittedWhenNull(property))
                match = new(ConfigJson.Options.PropertyNamingPolicy?.ConvertName(property.Name) ?? property.Name, null);
            if (match.Key is null || property is null)
                throw new ConfigException($"--set {key}: unknown key. Known keys: {string.Join(", ", ConfigTree.Flatten(root).Keys)}");
            path.Add(match.Key);
            if (i == parts.Length - 1)
            {
                if (match.Value is JsonObject group)
                    throw new ConfigException($"--set {key}: '{key}' is a group; set one of its fields, e.g. {key}.{group.First().Key}");
                parent[match.Key] = Parse(key, property.PropertyType, value);
                return string.Join('.', path);
            }
            parent = match.Value as JsonObject
                ?? throw new ConfigException($"--set {key}: '{string.Join('.', parts[..(i + 1)])}' is not a group");
            type = property.PropertyType;
        }
        throw new ConfigException($"--set {key}: empty key");
    }

    private static bool OmittedWhenNull(PropertyInfo property) =>
        property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>()?.Condition == System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;

    // Parses by the field's own type, so that "2.5" for a whole-number field says so.
    private static JsonNode Parse(string key, Type type, string value)
    {
        var inv = CultureInfo.InvariantCulture;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(int[]))
        {
            var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var array = new JsonArray();
            foreach (var item in items)
                array.Add(int.TryParse(item, NumberStyles.Integer, inv, out int n)
                    ? JsonValue.Create(n)
                    : throw new ConfigException($"--set {key}={value}: '{item}' is not a whole number (expected a list like 1,2,3)"));
            return array;
        }
        if (target == typeof(double[]))
        {
            var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var array = new JsonArray();
            foreach (var item in items)
                array.Add(double.TryParse(item, NumberStyles.Float, inv, out double x) && double.IsFinite(x)
                    ? JsonValue.Create(x)
                    : throw new ConfigException($"--set {key}={value}: '{item}' is not a number (expected a list like 0.5,1,2)"));
            return array;
        }
        if (target == typeof(ImageSize))
        {
            var size = ImageSize.Parse(value, $"--set {key}");
            return size.IsSquare ? JsonValue.Create(size.Height) : JsonValue.Create(size.ToString());
        }
        if (target == typeof(bool))
            return bool.TryParse(value, out bool b) ? JsonValue.Create(b) : throw new ConfigException($"--set {key}={value}: expected true or false");
        if (target == typeof(int))
            return int.TryParse(value, NumberStyles.Integer, inv, out int i) ? JsonValue.Create(i)
                : throw new ConfigException($"--set {key}={value}: expected a whole number");
        if (target == typeof(long))
            return long.TryParse(value, NumberStyles.Integer, inv, out long l) ? JsonValue.Create(l)
                : throw new ConfigException($"--set {key}={value}: expected a whole number");
        if (target == typeof(double))
            return double.TryParse(value, NumberStyles.Float, inv, out double d) && double.IsFinite(d) ? JsonValue.Create(d)
                : throw new ConfigException($"--set {key}={value}: expected a number");
        if (target.IsEnum)
        {
            var name = Enum.GetNames(target).FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
            return name is not null ? JsonValue.Create(name)
                : throw new ConfigException($"--set {key}={value}: expected one of {string.Join(", ", Enum.GetNames(target).Select(n => n.ToLowerInvariant()))}");
        }
        if (target == typeof(string))
            return JsonValue.Create(value);
        throw new ConfigException($"--set {key}: fields of type {target.Name} cannot be set from the command line");
    }
}

/// <summary>A configuration value or key the kit cannot use; the message names it.</summary>
public sealed class ConfigException(string message) : Exception(message);
