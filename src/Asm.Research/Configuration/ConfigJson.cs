using System.Text.Json;
using System.Text.Json.Serialization;

namespace Asm.Research.Configuration;

/// <summary>
/// The one JSON shape of configs, checkpoints and results: camelCase, indented, enums as strings. Every JSON file
/// the kit reads goes through these options (or <see cref="DocumentOptions"/>), which refuse a repeated key: a file
/// that says two things is ambiguous, and "last one wins" would silently drop one of them.
/// </summary>
public static class ConfigJson
{
    /// <summary>Options for reading a JSON document a person may have written: comments and trailing commas allowed, a repeated key refused.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// <paramref name="options"/> refusing a repeated key, read-only: the settings every other serializer option set
    /// of the kit (records, study files) is made with.
    /// </summary>
    public static JsonSerializerOptions Strict(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AllowDuplicateProperties = false;
        // Files written for people to read: "bce+lovasz", "λ", "φ" as themselves, not \u002B escapes. Nothing the kit
        // writes with these options goes into HTML unescaped (RunReport escapes '<' itself).
        options.Encoder ??= System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

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
        return Strict(options);
    }

    /// <summary>Serialises a config (or anything) the kit's way.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a config written by <see cref="Serialize{T}"/>; missing fields keep their defaults.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("empty JSON document");
}
