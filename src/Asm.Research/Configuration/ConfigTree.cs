using System.Text.Json;
using System.Text.Json.Nodes;

namespace Asm.Research.Configuration;

/// <summary>A config as flat <c>dotted.key → JSON value</c> pairs: for listing keys and naming differences.</summary>
public static class ConfigTree
{
    /// <summary>Every leaf of the config's JSON (arrays are leaves), keyed by its dotted camelCase path.</summary>
    public static Dictionary<string, string> Flatten(ExperimentConfig config) =>
        Flatten(JsonSerializer.SerializeToNode(config, ConfigJson.Options)!);

    /// <summary>Every leaf of a JSON tree (arrays are leaves), keyed by its dotted path.</summary>
    public static Dictionary<string, string> Flatten(JsonNode node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(node, "", result);
        return result;
    }

    /// <summary>
    /// The keys whose values differ, in key order, as "key: a (first) vs b (second)" with the two
    /// sides named; keys in <paramref name="ignore"/> are not compared.
    /// </summary>
    public static IReadOnlyList<string> Differences(ExperimentConfig first, ExperimentConfig second, string firstName, string secondName,
        IReadOnlySet<string>? ignore = null)
    {
        var a = Flatten(first);
        var b = Flatten(second);
        return a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Where(k => ignore?.Contains(k) != true && a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"{k}: {a.GetValueOrDefault(k) ?? "-"} ({firstName}) vs {b.GetValueOrDefault(k) ?? "-"} ({secondName})")
            .ToList();
    }

    private static void Collect(JsonNode? node, string prefix, Dictionary<string, string> result)
    {
        if (node is JsonObject obj)
            foreach (var (name, child) in obj)
                Collect(child, prefix.Length == 0 ? name : $"{prefix}.{name}", result);
        else
            result[prefix] = node?.ToJsonString() ?? "null";
    }
}
