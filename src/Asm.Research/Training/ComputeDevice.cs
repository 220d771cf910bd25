using Asm.Research.Configuration;
using Asm.Research.Platform;
using TorchSharp;

namespace Asm.Research.Training;

/// <summary>Resolves the configured device and thread count.</summary>
public static class ComputeDevice
{
    /// <summary>
    /// Loads the native backend, sets torch's intra-op threads (0 = one per core; at most one per core) and returns the device.
    /// </summary>
    /// <exception cref="ConfigException">cuda asked for but not available, or an unknown device.</exception>
    public static torch.Device Prepare(TrainingConfig config)
    {
        TorchRuntime.EnsureLoaded();
        // A checkpoint from a machine with more cores records more threads than this one has: run with what is here.
        int threads = config.Threads > 0 ? Math.Min(config.Threads, Environment.ProcessorCount) : Environment.ProcessorCount;
        if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
        return config.Device.ToLowerInvariant() switch
        {
            "cpu" => torch.CPU,
            "cuda" when torch.cuda.is_available() => torch.CUDA,
            "cuda" => throw new ConfigException(
                "training.device=cuda, but CUDA is not available: this build uses the CPU backend. " +
                "Build with 'dotnet build -p:TorchBackend=cuda' on a machine with an NVIDIA GPU (see README), or use cpu."),
            _ => throw new ConfigException($"training.device '{config.Device}' is unknown; expected cpu or cuda"),
        };
    }
}
