using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Inference;
using Asm.Research.Platform;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Visuals;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm predict</c>: a trained predictor's masks for the user's own images, at each image's own size.</summary>
[Description("""
    Segments the user's own images with a trained predictor, at each image's own size.
    Segments one image or every image in a folder (jpg, jpeg, png, bmp) with
    the checkpoint's predictor: the image resized to the working size as in training, the logits resized
    bilinearly back to the image's own size, foreground where the probability exceeds --threshold.
    Writes OUT/<name>_mask.png (0 background, 255 foreground) and with --overlay OUT/<name>_overlay.png.
    A multi-class predictor (e.g. trained on CamVid) writes the argmax instead: OUT/<name>_labels.png (8-bit
    class indices) and OUT/<name>_colour.png (the classes in the task's colours); --threshold does not apply.
    Refuses to replace existing files unless --force, to write into the images' own folder, or through
    a link. --set data.maxImagePixels=N raises the decode guard (the only key predict takes; the rest
    is the checkpoint's). --json lists input, mask, overlay, width, height and foreground share per
    image.
    """)]
public sealed class PredictCommand : Command<PredictSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        string checkpoint = settings.Checkpoint!, input = settings.Input!, output = settings.Out!;
        double threshold = settings.Threshold;
        bool overlay = settings.Overlay;
        var reporter = new Reporter(settings.Json);

        OutputPlace.RequireFolder("--out", output);
        var files = InputImages.Find(input);
        var manifest = Checkpoint.ReadManifest(checkpoint);
        var saved = manifest.Config;
        var data = PredictionData(saved, settings);
        var task = saved.Task;
        IReadOnlyList<PredictionOutputs> plan;
        try
        {
            plan = PredictionOutputs.Plan(files, output, overlay, classes: !task.IsBinary);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--input: {e.Message}");
        }
        // Checked for every image before the first is written: a refusal leaves nothing half done.
        string imagesFolder = File.Exists(input) ? Path.GetDirectoryName(Path.GetFullPath(input))! : input;
        if (string.Equals(RealPath.Of(output), RealPath.Of(imagesFolder), StringComparison.Ordinal))
            throw new UsageException($"--out {output}: is the folder the images are read from; predictions go to another folder, so that " +
                                     "they never replace an image there (a mask named like an output, say) nor are read as images by the next run");
        foreach (string file in plan.SelectMany(p => p.Files())) AtomicFile.RefuseLink(file);
        var existing = plan.SelectMany(p => p.Existing()).ToList();
        if (existing.Count > 0 && !settings.Force)
            throw new UsageException($"--out: {existing[0]} exists{(existing.Count > 1 ? $" (and {existing.Count - 1} more)" : "")}; pass --force to replace");

        using var experiment = Checkpoint.Load(checkpoint);
        var config = experiment.Config;
        ComputeDevice.Prepare(config.Training with { Threads = settings.ThreadCount() }); // this command's --threads, not the training run's
        var predictor = new MaskPredictor(experiment.Predictor, data, experiment.Device, threshold);
        int batch = settings.Batch ?? config.Training.BatchSize;
        reporter.Info(ModelProvenance.Describe(manifest, checkpoint));
        reporter.Info($"{files.Count} image(s), {config.Method} predictor at {config.Data.Size.Display} for {config.Task.Describe()}, from {Checkpoint.Resolve(checkpoint)}");

        Directory.CreateDirectory(output);
        var clock = Stopwatch.StartNew();
        var records = new List<Dictionary<string, object?>>();
        int done = 0;
        foreach (var (mask, outputs) in predictor.Predict(files, keepImages: overlay, batch, cancellationToken).Zip(plan))
        {
            if (task.IsBinary)
            {
                MaskPng.Save(mask, outputs.Mask);
                if (outputs.Overlay is not null)
                    MaskImages.Overlay(mask.Image!, mask.Mask, mask.Height, mask.Width).Save(outputs.Overlay);
            }
            else
            {
                MaskPng.SaveLabels(mask, outputs.Mask);
                LabelMapImages.Colour(mask.Labels(), mask.Height, mask.Width, task).Save(outputs.Colour!);
                if (outputs.Overlay is not null)
                    LabelMapImages.Overlay(mask.Image!, mask.Labels(), mask.Height, mask.Width, task).Save(outputs.Overlay);
            }
            var record = new Dictionary<string, object?>
            {
                ["input"] = mask.Input, [task.IsBinary ? "mask" : "labels"] = Path.GetFullPath(outputs.Mask),
                ["overlay"] = outputs.Overlay is null ? null : Path.GetFullPath(outputs.Overlay),
                ["width"] = mask.Width, ["height"] = mask.Height,
            };
            if (task.IsBinary) record["foreground"] = mask.ForegroundShare;
            else
            {
                record["colour"] = Path.GetFullPath(outputs.Colour!);
                // Each class's share of the image's pixels, by name.
                var labels = mask.Labels();
                record["class_shares"] = task.ClassNames.Select((name, c) => (name, c))
                    .ToDictionary(p => p.name, p => labels.Count(l => l == p.c) / (double)Math.Max(labels.Length, 1));
            }
            records.Add(record);
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
        {
            string written = task.IsBinary ? "mask(s)" : "label map(s) with their colour images";
            string share = task.IsBinary
                ? string.Create(CultureInfo.InvariantCulture, $"; foreground share {records.Average(r => (double)r["foreground"]!):0.000} on average") : "";
            reporter.Info(string.Create(CultureInfo.InvariantCulture,
                $"{files.Count} {written} in {Path.GetFullPath(output)}, {files.Count / Math.Max(seconds, 1e-9):0.0} images/s (decoding and writing included){share}"));
        }
        return 0;
    }

    /// <summary>The checkpoint's data settings with --set applied: only the decode guard can change, the rest is the model's.</summary>
    private static DataConfig PredictionData(ExperimentConfig saved, PredictSettings settings)
    {
        var requested = ConfigOverrides.Apply(saved, settings.Set);
        var changed = Checkpoint.Differences(saved, requested).Where(d => !d.StartsWith(MaxImagePixelsKey + ":", StringComparison.Ordinal)).ToList();
        if (changed.Count > 0)
            throw new UsageException($"predict: only {MaxImagePixelsKey} can be --set (the model and its working size come from the checkpoint); {string.Join("; ", changed)}");
        // Only the key set here is checked: the rest is the checkpoint's, valid where it was trained (its threads may exceed these cores).
        if (ConfigBounds.Problems(requested).Where(p => p.Key == MaxImagePixelsKey).Select(p => p.Message).FirstOrDefault() is { } problem)
            throw new ConfigException(problem);
        return requested.Data;
    }

    private const string MaxImagePixelsKey = "data.maxImagePixels";
}
