using Asm.Research.Configuration;

namespace Asm.Research.Tests.Training;

/// <summary>Configs small enough that a whole run takes a second or two.</summary>
internal static class TinyConfigs
{
    public static ExperimentConfig For(string method, int epochs = 2, int seed = 0) => ExperimentConfig.ForMethod(method) with
    {
        Data = new DataConfig { Size = method == "cgan" ? 64 : 32, SyntheticTrain = 16, SyntheticTest = 8, Prefetch = 1 },
        Predictor = new UNetConfig { Width = 4 },
        Analyzer = new AnalyzerConfig { Widths = [8, 8, 8, 8, 8] },
        Discriminator = new DiscriminatorConfig { WidthMultiplier = 1.0 / 16 },
        Training = new TrainingConfig { Epochs = epochs, BatchSize = 4, Seed = seed, Threads = 1 },
    };
}
