using Asm.Research.Configuration;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>Creates the training method a config names.</summary>
public static class MethodFactory
{
    /// <exception cref="ConfigException">Unknown method or invalid method settings.</exception>
    public static ITrainingMethod Create(ExperimentConfig config, torch.Device device) => config.Method switch
    {
        "bce" => new BceMethod(config, device),
        "cgan" => new CganMethod(config, device),
        "asm" or "asm+bce" => new AsmMethod(config, device),
        _ => throw new ConfigException($"unknown method '{config.Method}'; expected one of {string.Join(", ", ExperimentConfig.Methods)}"),
    };
}
