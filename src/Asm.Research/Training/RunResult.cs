using System.Text.Json;
using System.Text.Json.Serialization;
using Asm.Research.Configuration;
using Asm.Research.Metrics;
using Asm.Research.Platform;

namespace Asm.Research.Training;

/// <summary>
/// The record of one finished run, as the CLI prints it with <c>--json</c> and saves as
/// <c>result.json</c>: test scores at model and original resolution, training cost, and the
/// provenance that lets records from different machines be pooled (config, sweep run, environment).
/// Records written before the provenance fields existed ("legacy") have them null.
/// </summary>
public sealed record RunResult
{
    /// <summary>bce, cgan, asm or asm+bce.</summary>
    [JsonPropertyName("method")] public required string Method { get; init; }
    /// <summary>The run's seed.</summary>
    [JsonPropertyName("seed")] public int Seed { get; init; }
    /// <summary>Scores at the model's resolution.</summary>
    [JsonPropertyName("test")] public required SegmentationScores Test { get; init; }
    /// <summary>Scores at each ground-truth mask's own resolution.</summary>
    [JsonPropertyName("test_original")] public required SegmentationScores TestOriginal { get; init; }
    /// <summary>Seconds spent in training steps (evaluation excluded).</summary>
    [JsonPropertyName("train_seconds")] public double TrainSeconds { get; init; }
    /// <summary>Training images per second over the run.</summary>
    [JsonPropertyName("images_per_second")] public double ImagesPerSecond { get; init; }
    /// <summary>Epochs trained.</summary>
    [JsonPropertyName("epochs")] public int Epochs { get; init; }
    /// <summary>Working image size (a number for a square, "HxW" otherwise).</summary>
    [JsonPropertyName("size")] public ImageSize Size { get; init; }
    /// <summary>Where the data came from.</summary>
    [JsonPropertyName("data")] public string Data { get; init; } = "";
    /// <summary>The checkpoint folder, when one was written.</summary>
    [JsonPropertyName("checkpoint")] public string? Checkpoint { get; init; }
    /// <summary>The run's full config (in <see cref="ConfigJson"/>'s shape whatever the outer options); null in legacy records.</summary>
    [JsonPropertyName("config"), JsonConverter(typeof(KitConfigConverter))] public ExperimentConfig? Config { get; init; }
    /// <summary>The sweep run's name (e.g. <c>asm+bce/asm.layers=1,2,3/seed1</c>); null outside a sweep.</summary>
    [JsonPropertyName("sweep_run")] public string? SweepRun { get; init; }
    /// <summary>Kit version, threads, oneDNN ISA and CPU model of the machine that made it; null in legacy records.</summary>
    [JsonPropertyName("environment")] public RunEnvironment? Environment { get; init; }

    /// <summary>True for a record written before configs and environments were recorded.</summary>
    [JsonIgnore] public bool IsLegacy => Config is null;

    /// <summary>Options for printing and reading run records (snake_case keys, as scripts expect).</summary>
    public static JsonSerializerOptions Json { get; } = ConfigJson.Strict(new() { WriteIndented = false });

    /// <summary>
    /// This record with the provenance of <paramref name="config"/> run in this process: the config,
    /// the sweep run's name and <see cref="RunEnvironment.Capture"/>. Fields already set are kept.
    /// </summary>
    public RunResult WithProvenance(ExperimentConfig config, string? sweepRun) => this with
    {
        Config = Config ?? config,
        SweepRun = SweepRun ?? sweepRun,
        Environment = Environment ?? RunEnvironment.Capture(config.Training.Threads),
    };

    /// <summary>
    /// Reads one <c>result.json</c>. Returns null and a reason ("malformed: …", "incomplete: …", "implausible: …")
    /// when the file is not a complete run record; never throws for a bad file's content.
    /// </summary>
    public static RunResult? TryRead(string file, out string? reason)
    {
        reason = null;
        try
        {
            using var document = JsonDocument.Parse(InputFile.ReadAllText(file), ConfigJson.DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                reason = "malformed: not a JSON object";
                return null;
            }
            var missing = new[] { "method", "test", "test_original" }
                .Where(key => !document.RootElement.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null).ToList();
            if (missing.Count > 0)
            {
                reason = $"incomplete: no {string.Join(", ", missing)}";
                return null;
            }
            var run = document.RootElement.Deserialize<RunResult>(Json);
            if (run is not null && ImplausibleScores.Find(run) is { } impossible)
            {
                reason = $"implausible: {impossible}";
                return null;
            }
            return run;
        }
        catch (JsonException e)
        {
            reason = $"malformed: {e.Message.Split(". ")[0]}";
        }
        catch (IOException e)
        {
            reason = $"unreadable: {e.Message}";
        }
        catch (UnauthorizedAccessException e)
        {
            reason = $"unreadable: {e.Message}";
        }
        return null;
    }

    /// <summary>
    /// Every complete <c>result.json</c> under a folder (e.g. docs/results), in path order, never
    /// following a symbolic link; other files (an <c>eval --json</c> output, compare.json) are not records.
    /// </summary>
    public static IReadOnlyList<RunResult> ReadAll(string folder) =>
        Sweeps.RecordScan.Of(folder).Records.Select(r => r.Run).ToList();

    // The config keeps the kit's own JSON shape (camelCase, enums as strings) inside records
    // printed with other options, so a record's config always reads back as a config.
    private sealed class KitConfigConverter : JsonConverter<ExperimentConfig>
    {
        public override ExperimentConfig? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<ExperimentConfig>(ref reader, ConfigJson.Options);

        public override void Write(Utf8JsonWriter writer, ExperimentConfig value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, ConfigJson.Options);
    }
}
