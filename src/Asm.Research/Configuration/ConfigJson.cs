using System.Text.Json;
using System.Text.Json.Serialization;

namespace Asm.Research.Configuration;

/// <summary>The one JSON shape of configs, checkpoints and results: camelCase, indented, enums as strings.</summary>
public static class ConfigJson
{
    /// <summary>Options used for every file the kit writes.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>The same, on one line (for the CLI's last stdout line).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Serialises a config (or anything) the kit's way.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a config written by <see cref="Serialize{T}"/>; missing fields keep their defaults.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("empty JSON document");
}
