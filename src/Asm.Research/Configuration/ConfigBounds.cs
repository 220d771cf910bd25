using System.Globalization;
using Asm.Research.Models;
using Asm.Research.Data.Tasks;
using Asm.Research.Training.Methods;

namespace Asm.Research.Configuration;

/// <summary>
/// The one table of allowed values for every numeric, list and choice field of
/// <see cref="ExperimentConfig"/>, and the rules that tie fields together (the U-Net's levels must
/// divide the size, BatchNorm needs two values per channel, the cGAN's minimum size, …). The CLI's
/// dedicated flags and <c>--set</c> both end here, and <see cref="Training.ExperimentRunner"/>
/// checks again, so a library user gets the same message.
/// </summary>
public static class ConfigBounds
{
    private const double Big = 1e3;

    /// <summary>A field's bound: its dotted key, how to read it, and the check that returns a problem or null.</summary>
    private sealed record Bound(string Key, Func<ExperimentConfig, object> Read, Func<object, string?> Check);

    private static readonly Bound[] Table =
    [
        Choice("method", c => c.Method, ExperimentConfig.Methods),
        Size("data.size", c => c.Data.Size, 16, 2048),
        Choice("data.format", c => c.Data.Format, ["auto", .. Data.Catalog.DatasetCatalog.All.Where(f => !f.IsBuiltIn).Select(f => f.Name)]),
        Choice("data.testSplit", c => c.Data.TestSplit, ["val", "test"]),
        Whole("data.syntheticSeed", c => c.Data.SyntheticSeed, int.MinValue, int.MaxValue), // any seed
        Real("data.holdout", c => c.Data.Holdout, 0, 0.9),
        Whole("data.trainCount", c => c.Data.TrainCount, 0, 1_000_000),
        Whole("data.syntheticTrain", c => c.Data.SyntheticTrain, 0, 100_000),
        Whole("data.syntheticTest", c => c.Data.SyntheticTest, 0, 100_000),
        Real("data.scaleCropMin", c => c.Data.ScaleCropMin, 0.05, 1),
        Real("data.jitterStrength", c => c.Data.JitterStrength, 0, 1),
        Whole("data.maxImagePixels", c => c.Data.MaxImagePixels, 1, 1_000_000_000),
        Whole("data.prefetch", c => c.Data.Prefetch, 0, 64),
        Whole("predictor.width", c => c.Predictor.Width, 1, 512),
        Whole("predictor.depth", c => c.Predictor.Depth, 1, 10),
        Whole("predictor.inChannels", c => c.Predictor.InChannels, 3, 3),
        List("analyzer.widths", c => c.Analyzer.Widths, 5, 5, 1, 1024),
        Whole("analyzer.padding", c => c.Analyzer.Padding, 0, 4),
        List("discriminator.widths", c => c.Discriminator.Widths, 1, 10, 1, 4096),
        List("discriminator.strides", c => c.Discriminator.Strides, 1, 10, 1, 4),
        Real("discriminator.widthMultiplier", c => c.Discriminator.WidthMultiplier, 1e-3, 16),
        List("asm.layers", c => c.Asm.Layers, 1, 9, 1, 9),
        Real("asm.margin", c => c.Asm.Margin, 0, 4),
        Real("asm.lambdaAdv", c => c.Asm.LambdaAdv, 0, Big),
        Real("asm.lambdaRec", c => c.Asm.LambdaRec, 0, Big),
        Real("asm.lambdaSup", c => c.Asm.LambdaSup, 0, Big),
        Whole("asm.predictorSteps", c => c.Asm.PredictorSteps, 1, 100),
        Real("gan.lambdaGan", c => c.Gan.LambdaGan, 0, Big),
        Real("gan.lambdaSup", c => c.Gan.LambdaSup, 0, Big),
        .. Training.Objectives.LossRegistry.All.Select(l => Real(l.Key, c => l.Weight(c.Loss), 0, Training.Objectives.LossDefinition.MaxWeight)),
        RealList("loss.classWeights", c => c.Loss.ClassWeights, 0, SegmentationTask.MaxClasses, 0, Big),
        Real("aaf.margin", c => c.Aaf.Margin, 0, 100),
        List("aaf.kernelSizes", c => c.Aaf.KernelSizes, 1, 8, 3, 31),
        Real("aaf.edgeWeight", c => c.Aaf.EdgeWeight, 0, Big),
        Real("aaf.nonEdgeWeight", c => c.Aaf.NonEdgeWeight, 0, Big),
        Whole("evaluation.boundaryTolerancePixels", c => c.Evaluation.BoundaryTolerancePixels, 0, 100),
        Real("evaluation.boundaryIouDilation", c => c.Evaluation.BoundaryIouDilation, 0, 1),
        Choice("optimizer.name", c => c.Optimizer.Name, ["sgd", "adam"]),
        Real("optimizer.learningRate", c => c.Optimizer.LearningRate, 1e-9, 10),
        Real("optimizer.momentum", c => c.Optimizer.Momentum, 0, 0.999),
        Real("optimizer.weightDecay", c => c.Optimizer.WeightDecay, 0, 1),
        Real("optimizer.polyPower", c => c.Optimizer.PolyPower, 0, 10),
        Real("optimizer.beta1", c => c.Optimizer.Beta1, 0, 0.999),
        Real("optimizer.beta2", c => c.Optimizer.Beta2, 0, 0.99999),
        Whole("training.epochs", c => c.Training.Epochs, 1, 100_000),
        Whole("training.batchSize", c => c.Training.BatchSize, 1, 4096),
        Whole("training.seed", c => c.Training.Seed, 0, int.MaxValue),
        Choice("training.device", c => c.Training.Device, ["cpu", "cuda"]),
        // A count the config records, not this machine's: a checkpoint trained on more cores must load here
        // (ComputeDevice runs with at most this machine's cores; ThreadsOnThisMachine checks a request). 0 means one per core.
        Whole("training.threads", c => c.Training.Threads, 0, MaxThreads),
    ];

    /// <summary>The most torch threads a config may record, on any machine.</summary>
    public const int MaxThreads = 512;

    /// <summary>
    /// The problem of asking for <paramref name="config"/>'s thread count on this machine, or null: more threads
    /// than logical processors only slows a run (999 made a 4 s run take 44 s). For a request (a flag, --set),
    /// never for a recorded config — a checkpoint keeps the count of the machine it trained on.
    /// </summary>
    public static (string Key, string Message)? ThreadsOnThisMachine(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int threads = config.Training.Threads, cores = Environment.ProcessorCount;
        return threads > cores
            ? ("training.threads", $"training.threads = {threads}: expected a whole number from 0 to {cores} (this machine's logical processors)")
            : null;
    }

    /// <summary>Every key the table bounds, for tests and docs.</summary>
    public static IReadOnlyList<string> Keys { get; } = Table.Select(b => b.Key).ToList();

    /// <summary>Every problem of <paramref name="config"/> as (key, message naming the key, the value and what is allowed); empty when it can be trained.</summary>
    public static IReadOnlyList<(string Key, string Message)> Problems(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<(string, string)>();
        foreach (var bound in Table)
        {
            object value = bound.Read(config);
            if (bound.Check(value) is { } problem) problems.Add((bound.Key, $"{bound.Key} = {Show(value)}: {problem}"));
        }
        // Cross-field rules only make sense once each field is in range.
        if (problems.Count == 0) problems.AddRange(Combined(config));
        return problems;
    }

    /// <summary>Throws when <paramref name="config"/> has any <see cref="Problems"/>.</summary>
    /// <exception cref="ConfigException">Names every key out of range and what is allowed.</exception>
    public static void Validate(ExperimentConfig config)
    {
        var problems = Problems(config);
        if (problems.Count > 0) throw new ConfigException(string.Join("; ", problems.Select(p => p.Message)));
    }

    private static IEnumerable<(string, string)> Combined(ExperimentConfig config)
    {
        var imageSize = config.Data.Size;
        int depth = config.Predictor.Depth, multiple = 1 << depth;
        foreach (var (side, name) in new[] { (imageSize.Height, "height"), (imageSize.Width, "width") })
        {
            if (side % multiple == 0) continue;
            int lower = side / multiple * multiple, upper = lower + multiple;
            string which = imageSize.IsSquare ? "it" : $"its {name} ({side})";
            yield return ("data.size", $"data.size = {imageSize}: the U-Net halves the size at each of its predictor.depth = {depth} levels, so {which} must be a " +
                                       $"multiple of 2^{depth} = {multiple} (e.g. {(lower >= 16 ? $"{lower} or " : "")}{upper})");
            yield break;
        }
        int size = imageSize.MinSide;
        long bottleneck = (long)(imageSize.Height / multiple) * (imageSize.Width / multiple);
        if (config.Training.BatchSize * bottleneck < 2)
            yield return ("training.batchSize", $"training.batchSize = {config.Training.BatchSize}: at data.size {imageSize} the U-Net's bottleneck is " +
                                                $"{imageSize.Height / multiple}×{imageSize.Width / multiple}, so its BatchNorm would see a single value per channel and its " +
                                                "statistics become NaN; use a batch of at least 2, a larger data.size or a smaller predictor.depth");
        if (MethodRegistry.Contains(config.Method) && !MethodRegistry.Get(config.Method).Tasks.HasFlag(config.Task.TaskKind))
        {
            string problem = "";
            try { MethodRegistry.RequireFits(config.Method, config.Task); }
            catch (ConfigException e) { problem = e.Message; }
            yield return ("method", problem);
        }
        var loss = config.Loss;
        if (loss.ClassWeighting != ClassWeighting.None && config.Task.IsBinary)
            yield return ("loss.classWeighting", $"loss.classWeighting = {loss.ClassWeighting}: class weights apply to multi-class data (cross-entropy); the data is binary");
        if (loss.ClassWeighting == ClassWeighting.Given && loss.ClassWeights.Length != config.Task.ClassCount)
            yield return ("loss.classWeights", $"loss.classWeights has {loss.ClassWeights.Length} weight(s); loss.classWeighting = given needs one per class ({config.Task.ClassCount}: {string.Join(", ", config.Task.ClassNames)})");
        if (loss.ClassWeighting != ClassWeighting.Given && loss.ClassWeights.Length > 0)
            yield return ("loss.classWeights", $"loss.classWeights is set but loss.classWeighting = {loss.ClassWeighting}; set loss.classWeighting=given to use them");
        if (loss.ClassWeights.Any(w => !(w >= 0) || !double.IsFinite(w)))
            yield return ("loss.classWeights", $"loss.classWeights = {string.Join(",", loss.ClassWeights)}: each weight must be a finite number of 0 or more");
        if (config.Asm.Layers.Distinct().Count() != config.Asm.Layers.Length)
            yield return ("asm.layers", $"asm.layers = {Show(config.Asm.Layers)}: a feature is listed twice");
        if (config.Aaf.KernelSizes.Any(k => k % 2 == 0))
            yield return ("aaf.kernelSizes", $"aaf.kernelSizes = {Show(config.Aaf.KernelSizes)}: each neighbourhood size must be odd (3, 5, 7, …)");
        if (config.Discriminator.Widths.Length != config.Discriminator.Strides.Length)
            yield return ("discriminator.strides", $"discriminator.strides = {Show(config.Discriminator.Strides)}: needs one stride per width " +
                                                   $"(discriminator.widths has {config.Discriminator.Widths.Length})");
        else if (MethodRegistry.Trains(config.Method, NetworkKind.Discriminator) && size < PatchDiscriminator.MinimumInputSizeFor(config.Discriminator))
            yield return ("data.size", $"data.size = {size}: the cgan method's patch discriminator needs at least " +
                                       $"{PatchDiscriminator.MinimumInputSizeFor(config.Discriminator)} px (its 4×4 convs must leave a 2×2 map of patches)");
        if (MethodRegistry.Trains(config.Method, NetworkKind.Analyzer) && size < StructureAnalyzer.MinimumSide(config.Analyzer.Padding))
            yield return ("data.size", $"data.size = {size}: the structure analyzer's 5 stride-2 convs with analyzer.padding = {config.Analyzer.Padding} " +
                                       $"need at least {StructureAnalyzer.MinimumSide(config.Analyzer.Padding)} px");
    }

    private static Bound Whole(string key, Func<ExperimentConfig, long> read, long min, long max) =>
        new(key, c => read(c), v => (long)v is var n && n >= min && n <= max ? null : $"expected a whole number from {min} to {max}");

    private static Bound Size(string key, Func<ExperimentConfig, ImageSize> read, int min, int max) =>
        new(key, c => read(c), v => (ImageSize)v is var s && s.Height >= min && s.Height <= max && s.Width >= min && s.Width <= max ? null
            : $"expected each side from {min} to {max} (one number for a square, or HEIGHTxWIDTH)");

    private static Bound RealList(string key, Func<ExperimentConfig, double[]> read, int minCount, int maxCount, double min, double max) =>
        new(key, c => read(c), v => (double[]?)v is { } items && items.Length >= minCount && items.Length <= maxCount && items.All(x => x >= min && x <= max) ? null
            : $"expected up to {maxCount} comma-separated numbers, each from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    private static Bound Real(string key, Func<ExperimentConfig, double> read, double min, double max) =>
        new(key, c => read(c), v => (double)v is var x && x >= min && x <= max ? null
            : $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    private static Bound List(string key, Func<ExperimentConfig, int[]> read, int minCount, int maxCount, int min, int max) =>
        new(key, c => read(c), v => (int[]?)v is { } items && items.Length >= minCount && items.Length <= maxCount && items.All(i => i >= min && i <= max) ? null
            : $"expected {(minCount == maxCount ? $"exactly {minCount}" : $"{minCount} to {maxCount}")} comma-separated whole numbers, each from {min} to {max}");

    private static Bound Choice(string key, Func<ExperimentConfig, string> read, IReadOnlyList<string> allowed) =>
        new(key, c => read(c), v => allowed.Contains(((string?)v ?? "").ToLowerInvariant()) ? null : $"expected one of {string.Join(", ", allowed)}");

    private static string Show(object? value) => value switch
    {
        int[] items => items.Length == 0 ? "(empty)" : string.Join(",", items),
        double[] items => items.Length == 0 ? "(empty)" : string.Join(",", items.Select(x => x.ToString(CultureInfo.InvariantCulture))),
        double d => d.ToString(CultureInfo.InvariantCulture),
        null => "(none)",
        ImageSize size => size.ToString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
