using Asm.Research.Configuration;
using Asm.Research.Models;
using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>Creates the networks of a run, initialised deterministically from the run's seed.</summary>
public static class NetworkFactory
{
    /// <summary>The U-Net predictor S.</summary>
    public static UNet Predictor(ExperimentConfig config, torch.Device device) =>
        Place(new UNet(config.Predictor, config.Task.Channels), config.Training.Seed, device);

    /// <summary>The structure analyzer A (its init seed is offset so it differs from S's).</summary>
    public static StructureAnalyzer Analyzer(ExperimentConfig config, torch.Device device) =>
        Place(new StructureAnalyzer(config.Analyzer, config.Task.Channels), config.Training.Seed + 1_000_003, device);

    /// <summary>The cGAN's patch discriminator D.</summary>
    public static PatchDiscriminator Discriminator(ExperimentConfig config, torch.Device device) =>
        Place(new PatchDiscriminator(config.Discriminator, config.Task.Channels), config.Training.Seed + 2_000_003, device);

    private static T Place<T>(T module, int seed, torch.Device device) where T : torch.nn.Module
    {
        ModelInit.Initialize(module, seed);
        module.to(device);
        return module;
    }
}
