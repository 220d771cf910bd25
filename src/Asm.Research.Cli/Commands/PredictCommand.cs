using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Inference;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Visuals;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm predict</c>: a trained predictor's masks for the user's own images, at each image's own size.</summary>
public static class PredictCommand
{
    public const string Help = """
        asm predict --checkpoint DIR --input FILE|DIR --out DIR [--threshold 0.5] [--overlay] [--force]
                    [--batch N] [--threads N] [--json]
          Segments one image or every image in a folder (jpg, jpeg, png, bmp) with
          the checkpoint's predictor: the image resized to the working size as in training, the logits resized
          bilinearly back to the image's own size, foreground where the probability exceeds --threshold.
          Writes OUT/<name>_mask.png (0 background, 255 foreground) and with --overlay OUT/<name>_overlay.png.
          Refuses to replace existing files unless --force. --json lists input, mask, overlay, width,
          height and foreground share per image.
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("predict", argv, new HashSet<string>(["--checkpoint", "--input", "--out", "--threshold", "--batch", "--threads"]),
            new HashSet<string>(["--json", "--overlay", "--force"]));
        string checkpoint = args.Value("--checkpoint") ?? throw new UsageException("predict: --checkpoint DIR is required");
        string input = args.Value("--input") ?? throw new UsageException("predict: --input FILE|DIR is required");
        string output = args.Value("--out") ?? throw new UsageException("predict: --out DIR is required");
        double threshold = Threshold(args.Value("--threshold"));
        bool overlay = args.Flag("--overlay");
        var reporter = new Reporter(args.Flag("--json"));

        var files = InputImages.Find(input);
        IReadOnlyList<PredictionOutputs> plan;
        try
        {
            plan = PredictionOutputs.Plan(files, output, overlay);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--input: {e.Message}");
        }
        // Checked for every image before the first is written: a refusal leaves nothing half done.
        var existing = plan.SelectMany(p => p.Existing()).ToList();
        if (existing.Count > 0 && !args.Flag("--force"))
            throw new UsageException($"--out: {existing[0]} exists{(existing.Count > 1 ? $" (and {existing.Count - 1} more)" : "")}; pass --force to replace");

        using var experiment = Checkpoint.Load(checkpoint);
        var config = experiment.Config;
        ComputeDevice.Prepare(config.Training with { Threads = CommonOptions.Threads(args) }); // this command's --threads, not the training run's
        var predictor = new MaskPredictor(experiment.Predictor, config.Data, experiment.Device, threshold);
        int batch = args.Int("--batch") ?? config.Training.BatchSize;
        reporter.Info($"{files.Count} image(s), {config.Method} predictor at {config.Data.Size}×{config.Data.Size} from {Checkpoint.Resolve(checkpoint)}");

        Directory.CreateDirectory(output);
        var clock = Stopwatch.StartNew();
        var records = new List<Dictionary<string, object?>>();
        int done = 0;
        foreach (var (mask, outputs) in predictor.Predict(files, keepImages: overlay, batch, cancellationToken).Zip(plan))
        {
            MaskPng.Save(mask, outputs.Mask);
            if (outputs.Overlay is not null)
                MaskImages.Overlay(mask.Image!, mask.Mask, mask.Height, mask.Width).Save(outputs.Overlay);
            records.Add(new Dictionary<string, object?>
            {
                ["input"] = mask.Input, ["mask"] = Path.GetFullPath(outputs.Mask),
                ["overlay"] = outputs.Overlay is null ? null : Path.GetFullPath(outputs.Overlay),
                ["width"] = mask.Width, ["height"] = mask.Height, ["foreground"] = mask.ForegroundShare,
            });
            if (++done % 50 == 0 && done < files.Count) reporter.Info($"predicted {done}/{files.Count}");
        }
        double seconds = clock.Elapsed.TotalSeconds;

        if (reporter.Json)
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["checkpoint"] = Checkpoint.Resolve(checkpoint), ["threshold"] = threshold, ["images"] = records,
                ["seconds"] = seconds, ["images_per_second"] = files.Count / Math.Max(seconds, 1e-9),
            }, RunResult.Json));
        else
            reporter.Info(string.Create(CultureInfo.InvariantCulture,
                $"{files.Count} mask(s) in {Path.GetFullPath(output)}, {files.Count / Math.Max(seconds, 1e-9):0.0} images/s (decoding and writing included); " +
                $"foreground share {records.Average(r => (double)r["foreground"]!):0.000} on average"));
        return 0;
    }

    private static double Threshold(string? text)
    {
        if (text is null) return 0.5;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) || !(t > 0 && t < 1))
            throw new UsageException($"--threshold '{text}': expected a probability strictly between 0 and 1");
        return t;
    }
}
