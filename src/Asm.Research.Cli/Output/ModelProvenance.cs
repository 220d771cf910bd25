using System.Globalization;
using Asm.Research.Data;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Cli.Output;

/// <summary>
/// The line <c>predict</c> prints about the model it uses: what it was trained on, for how long, and the test scores its
/// run recorded, so a mask from a model trained on synthetic horses is not mistaken for a real model's.
/// </summary>
internal static class ModelProvenance
{
    /// <summary>One line for the checkpoint at <paramref name="checkpoint"/> (a run or checkpoint folder), whose manifest the caller has read.</summary>
    public static string Describe(CheckpointManifest manifest, string checkpoint)
    {
        var config = manifest.Config;
        string data = config.Data.Source == DataSources.Synthetic
            ? "the kit's synthetic horses (not photos: expect little on real images)"
            : config.Data.Source;
        string trained = string.Create(CultureInfo.InvariantCulture,
            $"model: {config.Method}, seed {config.Training.Seed}, trained on {data} for {manifest.Epoch} of {config.Training.Epochs} epochs");
        // result.json sits in the run folder, beside checkpoint/: written only when the run finished.
        string record = Path.Combine(Path.GetDirectoryName(Checkpoint.Resolve(checkpoint))!, "result.json");
        var result = File.Exists(record) ? RunResult.TryRead(record, out _) : null;
        return result is null
            ? $"{trained}; no result.json beside its checkpoint, so no recorded test scores"
            : trained + string.Create(CultureInfo.InvariantCulture,
                $"; recorded test {result.Test.HeadlineName} {result.Test.Headline:0.000}, boundary F {result.Test.BoundaryF:0.000} on {result.Test.N} images");
    }
}
