using Asm.Research.Configuration;
using Asm.Research.Models;
using Asm.Research.Training.Methods;

namespace Asm.Research.Training;

/// <summary>
/// A lower bound on the memory a training run needs, from its config alone: the networks'
/// weights, gradients and optimiser state (counted exactly), the activations one step keeps for
/// the backward pass (counted loosely, from below), the decoded data set and the runtime. A run
/// whose lower bound exceeds the memory this machine has available is refused before training —
/// e.g. <c>predictor.depth=10</c>, which was OOM-killed at 22 GB with no message. Being a lower
/// bound, it refuses only what clearly cannot fit.
/// </summary>
/// <param name="ParameterBytes">Weights, gradients and optimiser state of every network.</param>
/// <param name="ActivationBytes">Feature maps one training step keeps for its backward pass.</param>
/// <param name="DataBytes">The decoded data set (images and masks at the working size).</param>
public sealed record MemoryEstimate(long ParameterBytes, long ActivationBytes, long DataBytes)
{
    /// <summary>
    /// The .NET runtime and libtorch before any sizeable tensor. Calibrated on 1-epoch BCE runs at
    /// 64×64, batch 4, glibc's default malloc (peak RSS measured, estimate in brackets): depth 4
    /// width 8: 230 MB (210); depth 5 width 8: 251 MB (227); depth 5 width 64: 2.16 GB (1.67).
    /// </summary>
    public const long RuntimeBytes = 192L << 20;

    /// <summary>The whole lower bound.</summary>
    public long TotalBytes => ParameterBytes + ActivationBytes + DataBytes + RuntimeBytes;

    /// <summary>The estimate for <paramref name="config"/> (its fields must be within <see cref="ConfigBounds"/>).</summary>
    public static MemoryEstimate For(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        double parameters = PredictorParameters(config.Predictor);
        if (MethodRegistry.Trains(config.Method, NetworkKind.Analyzer)) parameters += AnalyzerParameters(config.Analyzer);
        if (MethodRegistry.Trains(config.Method, NetworkKind.Discriminator)) parameters += DiscriminatorParameters(config.Discriminator);
        // Weight + gradient, + momentum (SGD) or two moments (Adam).
        int slots = 2 + (config.Optimizer.Name.Equals("adam", StringComparison.OrdinalIgnoreCase) ? 2 : config.Optimizer.Momentum > 0 ? 1 : 0);

        double pixels = config.Data.Size.Pixels, batch = config.Training.BatchSize;
        // Each U-Net level keeps at least its double conv's three maps (conv, BN, ReLU) ×2, in the
        // encoder and the decoder: w·2^i channels at HW/4^i pixels, i.e. w·HW/2^i values per map.
        double activations = 0;
        for (int level = 0; level <= config.Predictor.Depth; level++)
            activations += (level == config.Predictor.Depth ? 6 : 12) * config.Predictor.Width * pixels / Math.Pow(2, level);
        // The built-in generators' counts are known; a folder's is not before it is listed: left out (a lower bound).
        double images = Data.Catalog.DatasetCatalog.All.Any(f => f.IsBuiltIn && f.Name.Equals(config.Data.Source.Trim(), StringComparison.OrdinalIgnoreCase))
            ? config.Data.SyntheticTrain + config.Data.SyntheticTest
            : 0;
        return new MemoryEstimate(
            ParameterBytes: (long)(parameters * 4 * slots),
            ActivationBytes: (long)(activations * batch * 4),
            DataBytes: (long)(images * 4 * pixels * 4));
    }

    /// <summary>Refuses <paramref name="config"/> when its lower bound exceeds this machine's available memory (Linux; elsewhere it does nothing).</summary>
    /// <exception cref="ConfigException">It cannot fit; the message gives the estimate and the memory there is.</exception>
    public static void EnsureFits(ExperimentConfig config)
    {
        if (AvailableBytes() is not (long available, long total)) return;
        var estimate = For(config);
        if (estimate.TotalBytes <= available) return;
        throw new ConfigException(
            $"this run needs at least {Gb(estimate.TotalBytes)} of memory (weights, gradients and optimiser state {Gb(estimate.ParameterBytes)}, " +
            $"activations of one step {Gb(estimate.ActivationBytes)}, data {Gb(estimate.DataBytes)}), but this machine has {Gb(available)} available " +
            $"of {Gb(total)}; lower predictor.width, predictor.depth, data.size or training.batchSize.");
    }

    private static string Gb(long bytes) => $"{bytes / (double)(1L << 30):0.0} GB";

    /// <summary>MemAvailable and MemTotal from /proc/meminfo, or null where there is none.</summary>
    private static (long Available, long Total)? AvailableBytes()
    {
        const string path = "/proc/meminfo";
        if (!OperatingSystem.IsLinux() || !File.Exists(path)) return null;
        long available = -1, total = -1;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], out long kb)) continue;
            if (parts[0] == "MemAvailable:") available = kb * 1024;
            else if (parts[0] == "MemTotal:") total = kb * 1024;
        }
        return available > 0 && total > 0 ? (available, total) : null;
    }

    private static double PredictorParameters(UNetConfig unet)
    {
        double Width(int level) => (double)unet.Width * Math.Pow(2, level);
        double DoubleConv(double input, double output) => 9 * input * output + 9 * output * output + 4 * output;
        double total = 0, previous = unet.InChannels;
        for (int i = 0; i < unet.Depth; i++)
        {
            total += DoubleConv(previous, Width(i));
            previous = Width(i);
        }
        total += DoubleConv(previous, Width(unet.Depth));
        for (int i = 0; i < unet.Depth; i++)
            total += (unet.BilinearUp ? 9 : 4) * Width(i + 1) * Width(i) + Width(i) + DoubleConv(2 * Width(i), Width(i));
        return total + Width(0) + 1;
    }

    // Encoder 3×3 convs over the widths; decoder convs of about the same sizes (a lower bound).
    private static double AnalyzerParameters(AnalyzerConfig analyzer)
    {
        double total = 0, previous = 1;
        foreach (int width in analyzer.Widths)
        {
            total += 9 * previous * width + width;
            previous = width;
        }
        return total;
    }

    private static double DiscriminatorParameters(DiscriminatorConfig discriminator)
    {
        double total = 0, previous = 4;
        foreach (int width in discriminator.Widths)
        {
            double w = Math.Max(1, Math.Round(width * discriminator.WidthMultiplier, MidpointRounding.AwayFromZero));
            total += 16 * previous * w;
            previous = w;
        }
        return total + 16 * previous;
    }
}
