using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Asm.Research.Configuration;

/// <summary>
/// Applies <c>key=value</c> overrides (the CLI's <c>--set</c>) to a config: the key is the
/// dotted camelCase path of a field as it appears in the config's JSON (e.g. <c>asm.margin</c>,
/// <c>asm.layers=1,2,3</c>, <c>training.epochs</c>), the value is parsed as that field's type.
/// </summary>
public static class ConfigOverrides
{
    /// <summary>Returns <paramref name="config"/> with every override applied, in order.</summary>
    /// <exception cref="ConfigException">Unknown key, or a value of the wrong type.</exception>
    public static ExperimentConfig Apply(ExperimentConfig config, IEnumerable<string> assignments)
    {
        var root = JsonSerializer.SerializeToNode(config, ConfigJson.Options)!.AsObject();
        foreach (var assignment in assignments)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new ConfigException($"--set '{assignment}': expected key=value, e.g. asm.margin=0.5");
            Set(root, assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
        }
        try
        {
            var result = root.Deserialize<ExperimentConfig>(ConfigJson.Options)!;
            return result.Method == config.Method ? result : result.WithMethod(result.Method);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"--set method: {e.Message}");
        }
        catch (JsonException e)
        {
            // A fractional value for a whole-number field lands here; JSON path names the field.
            throw new ConfigException($"--set {e.Path?.TrimStart('$', '.')}: {e.Message.Split('.')[0]} (a whole number is expected there?)");
        }
    }

    /// <summary>Every settable key with its current value, for help texts and error messages.</summary>
    public static IReadOnlyList<string> Keys(ExperimentConfig config)
    {
        var keys = new List<string>();
        Collect(JsonSerializer.SerializeToNode(config, ConfigJson.Options)!, "", keys);
        return keys;
    }

    private static void Collect(JsonNode node, string prefix, List<string> keys)
    {
        if (node is JsonObject obj)
            foreach (var (name, child) in obj)
                Collect(child!, prefix.Length == 0 ? name : $"{prefix}.{name}", keys);
        else
            keys.Add(prefix);
    }

    private static void Set(JsonObject root, string key, string value)
    {
        var parts = key.Split('.');
        JsonObject parent = root;
        for (int i = 0; i < parts.Length; i++)
        {
            var match = parent.FirstOrDefault(p => string.Equals(p.Key, parts[i], StringComparison.OrdinalIgnoreCase));
            if (match.Key is null)
                throw new ConfigException($"--set {key}: unknown key. Known keys: {string.Join(", ", Keys(root.Deserialize<ExperimentConfig>(ConfigJson.Options)!))}");
            if (i == parts.Length - 1)
            {
                if (match.Value is JsonObject)
                    throw new ConfigException($"--set {key}: '{key}' is a group; set one of its fields, e.g. {key}.{((JsonObject)match.Value).First().Key}");
                parent[match.Key] = Parse(key, match.Value, value);
                return;
            }
            parent = match.Value as JsonObject
                ?? throw new ConfigException($"--set {key}: '{string.Join('.', parts[..(i + 1)])}' is not a group");
        }
    }

    private static JsonNode Parse(string key, JsonNode? current, string value)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (current?.GetValueKind())
        {
            case JsonValueKind.Array:
                var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var array = new JsonArray();
                foreach (var item in items)
                    array.Add(int.TryParse(item, NumberStyles.Integer, inv, out int n)
                        ? JsonValue.Create(n)
                        : throw new ConfigException($"--set {key}={value}: '{item}' is not a whole number (expected a list like 1,2,3)"));
                return array;
            case JsonValueKind.True or JsonValueKind.False:
                return bool.TryParse(value, out bool b) ? JsonValue.Create(b)
                    : throw new ConfigException($"--set {key}={value}: expected true or false");
            case JsonValueKind.Number:
                if (long.TryParse(value, NumberStyles.Integer, inv, out long l)) return JsonValue.Create(l);
                if (double.TryParse(value, NumberStyles.Float, inv, out double d) && double.IsFinite(d)) return JsonValue.Create(d);
                throw new ConfigException($"--set {key}={value}: expected a number");
            default:
                return JsonValue.Create(value);
        }
    }
}

/// <summary>A configuration value or key the kit cannot use; the message names it.</summary>
public sealed class ConfigException(string message) : Exception(message);
