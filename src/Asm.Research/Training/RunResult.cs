using System.Text.Json;
using System.Text.Json.Serialization;
using Asm.Research.Metrics;

namespace Asm.Research.Training;

/// <summary>
/// The record of one finished run, as the CLI prints it with <c>--json</c> and saves as
/// <c>result.json</c>: test scores at model and original resolution, and training cost.
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
    /// <summary>Working image size.</summary>
    [JsonPropertyName("size")] public int Size { get; init; }
    /// <summary>Where the data came from.</summary>
    [JsonPropertyName("data")] public string Data { get; init; } = "";
    /// <summary>The checkpoint folder, when one was written.</summary>
    [JsonPropertyName("checkpoint")] public string? Checkpoint { get; init; }

    /// <summary>Options for printing and reading run records (snake_case keys, as scripts expect).</summary>
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = false };

    /// <summary>Reads every <c>*.json</c> run record under a folder (e.g. docs/results), skipping files that are not run records.</summary>
    public static IReadOnlyList<RunResult> ReadAll(string folder)
    {
        var results = new List<RunResult>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order())
        {
            try
            {
                var run = JsonSerializer.Deserialize<RunResult>(File.ReadAllText(file), Json);
                if (run is { Method: not null, Test: not null }) results.Add(run);
            }
            catch (JsonException)
            {
                // Not a run record (e.g. a compare summary): skip it.
            }
        }
        return results;
    }
}
