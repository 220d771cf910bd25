using System.Text.Json;

namespace Asm.Research.Tests.Sweeps;

/// <summary>Writes small sweep files of tiny synthetic runs (32×32, width 8) that still learn something in 2 epochs.</summary>
internal static class TinySweep
{
    public static readonly string[] Base =
    [
        "data.size=32", "training.batchSize=4", "data.syntheticTrain=32", "data.syntheticTest=8",
        "predictor.width=8", "analyzer.widths=8,8,8,8,8", "optimizer.name=adam", "optimizer.learningRate=0.01",
    ];

    /// <summary>Writes <paramref name="folder"/>/<paramref name="file"/>: methods × seeds, output under <paramref name="root"/>.</summary>
    public static string Write(string folder, string root, int epochs = 2, string[]? methods = null, int[]? seeds = null,
        string file = "sweep.json", string[]? extraSets = null)
    {
        Directory.CreateDirectory(folder);
        var sweep = new Dictionary<string, object>
        {
            ["name"] = "tiny",
            ["root"] = root,
            ["base"] = new Dictionary<string, object> { ["set"] = Base.Concat([$"training.epochs={epochs}"]).Concat(extraSets ?? []).ToArray() },
            ["axes"] = new[] { new Dictionary<string, object> { ["method"] = methods ?? ["bce", "asm+bce"] } },
            ["seeds"] = seeds ?? [0, 1],
        };
        string path = Path.Combine(folder, file);
        File.WriteAllText(path, JsonSerializer.Serialize(sweep, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
