using Asm.Research.Interop;
using Asm.Research.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training;

/// <summary>
/// Starts a predictor from another run's final one (<see cref="Configuration.TrainingConfig.InitFrom"/>):
/// a run folder or checkpoint folder of this kit, or a PyTorch state_dict file.
/// </summary>
public static class PredictorInitialization
{
    /// <summary>Copies the predictor weights of <paramref name="source"/> into <paramref name="predictor"/>.</summary>
    /// <exception cref="CheckpointException">The source is missing, unreadable, or holds a predictor of another shape; the message names it.</exception>
    public static void Apply(nn.Module predictor, string source)
    {
        if (File.Exists(source))
        {
            var tensors = PyTorchStateDict.Read(source);
            try
            {
                CopyInto(predictor, tensors, source);
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
            return;
        }
        if (!Directory.Exists(source))
            throw new CheckpointException($"{source}: init-from source not found (expected a run folder, a checkpoint folder or a .pt state_dict file)");
        // Loading a checkpoint prepares its own run's device and thread count; this run keeps its own.
        int threads = torch.get_num_threads();
        try
        {
            using var run = Checkpoint.Load(source);
            CopyInto(predictor, run.Predictor.state_dict(), Checkpoint.Resolve(source));
        }
        finally
        {
            if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
        }
    }

    /// <summary>
    /// Copies every tensor of <paramref name="source"/> into the same-named parameter or buffer of
    /// <paramref name="target"/>, after checking that the names and shapes match exactly.
    /// </summary>
    /// <exception cref="CheckpointException">Names or shapes differ; the message names <paramref name="sourceName"/> and the first differences.</exception>
    public static void CopyInto(nn.Module target, IReadOnlyDictionary<string, Tensor> source, string sourceName)
    {
        var state = target.state_dict();
        var missing = state.Keys.Except(source.Keys).ToList();
        var extra = source.Keys.Except(state.Keys).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new CheckpointException($"{sourceName}: does not fit this run's predictor (missing: {string.Join(", ", missing.Take(5))}; unexpected: {string.Join(", ", extra.Take(5))})");
        var wrongShape = state.Where(kv => !kv.Value.shape.SequenceEqual(source[kv.Key].shape)).ToList();
        if (wrongShape.Count > 0)
        {
            var (name, tensor) = wrongShape[0];
            throw new CheckpointException($"{sourceName}: '{name}' has shape [{string.Join(",", source[name].shape)}] but this run's predictor has [{string.Join(",", tensor.shape)}] " +
                $"({wrongShape.Count} tensor(s) differ); the source predictor was built with another predictor config (width, depth)");
        }
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in state)
            tensor.copy_(source[name]);
    }
}
