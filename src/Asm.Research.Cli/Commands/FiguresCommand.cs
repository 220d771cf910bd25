using System.ComponentModel;
using System.Globalization;
using System.Text;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Figures;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Visuals;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm figures</c>: the PNG figures of docs/RESULTS.md from recorded runs and checkpoints — per-epoch test
/// IoU of several methods, and test images with each predictor's error map — plus a Markdown caption file.
/// </summary>
[Description("""
    Draws the PNG figures of docs/RESULTS.md from recorded runs and checkpoints, with a caption file.
    --records: per-epoch test IoU of each method's run (DIR/<method>-seed<N>/epochs.json) as
    OUT/test-iou-per-epoch.png, drawn with Plotly.NET and shot by headless Chromium (needs chromium;
    ASM_CHROMIUM names another browser). --checkpoints: the test images on which those predictors'
    IoU differs most, one row each: image | ground truth | each predictor's error map, as
    OUT/error-maps.png (test data from --data, default the first checkpoint's). --questions FILE
    (with --records): one grouped-bar chart per question of the study, IoU and boundary F with
    ± one sample std over seeds, as OUT/study-<name>.png. Writes OUT/figures.md with the captions
    and numbers, one section per figure: the figures drawn replace their sections, the others keep
    theirs while their file is there. Replaces these files, nothing else.
    """)]
public sealed class FiguresCommand : Command<FiguresSettings>
{
    /// <summary>The chart's file name.</summary>
    public const string ChartFile = "test-iou-per-epoch.png";
    /// <summary>The error-map figure's file name.</summary>
    public const string ErrorMapsFile = "error-maps.png";
    /// <summary>The caption file's name.</summary>
    public const string CaptionsFile = "figures.md";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, FiguresSettings settings, CancellationToken cancellationToken)
    {
        string? records = settings.Records;
        var checkpoints = settings.CheckpointList();
        string output = settings.Out;
        var reporter = new Reporter(settings.Json);
        var captions = new StringBuilder();

        // A bad questions file stops the command before anything is drawn.
        var questions = settings.Questions is { } questionsFile ? LoadQuestions(questionsFile) : null;

        if (records is not null)
        {
            if (!Directory.Exists(records)) throw new UsageException($"--records: folder '{Path.GetFullPath(records)}' does not exist");
            var methods = settings.Methods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            int seed = settings.Seed;
            // The records are read first, so a missing or bad one is reported even where there is no browser.
            var series = EpochCurves.TestIou(records, methods, seed);
            if (ChromiumScreenshot.Find() is null)
                throw new UsageException($"figures: the chart needs Chromium (apt-get install chromium, or set {ChromiumScreenshot.Variable}); none found");
            string path = Path.Combine(output, ChartFile);
            ChartPage.SavePng(EpochCurves.Chart(series, $"Test IoU after each epoch (seed {seed})"), path);
            reporter.Info($"wrote {Path.GetFullPath(path)}");
            captions.AppendLine(CultureInfo.InvariantCulture, $"## {ChartFile}").AppendLine()
                .AppendLine($"Test IoU at model resolution after every epoch, seed {seed}, from `{records}/<method>-seed{seed}/{EpochCurves.EpochsFile}`. Final epoch: " +
                    string.Join(", ", series.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Y[^1]:0.000}"))) + ".")
                .AppendLine();
        }

        if (questions is not null)
            StudyCharts(records!, questions, output, captions, reporter);

        if (checkpoints.Count > 0)
            ErrorMaps(settings, checkpoints, output, captions, reporter, cancellationToken);

        // Each drawn figure's section says the command that drew it; the other figures' sections are kept.
        string command = $"Command: `asm {string.Join(' ', context.Arguments)}`";
        var fresh = CaptionFile.Sections(captions.ToString()).Select(f => (f.File, WithCommand(f.Text, command))).ToList();
        string captionsPath = Path.Combine(output, CaptionsFile);
        string? existing = File.Exists(captionsPath) ? File.ReadAllText(captionsPath) : null;
        ExperimentRunner.WriteAtomically(captionsPath, CaptionFile.Merge(existing, fresh, file => File.Exists(Path.Combine(output, file))));
        reporter.Info($"wrote {Path.GetFullPath(Path.Combine(output, CaptionsFile))}");
        return 0;
    }

    // The command line just below a section's heading.
    private static string WithCommand(string section, string command)
    {
        int end = section.IndexOf('\n') + 1;
        return $"{section[..end]}\n{command}\n{section[end..]}";
    }

    /// <summary>A study chart's file name.</summary>
    public static string StudyChartFile(string question) => $"study-{question}.png";

    private static IReadOnlyList<StudyQuestion> LoadQuestions(string file)
    {
        try
        {
            return StudyQuestion.Load(file);
        }
        catch (DataException e)
        {
            throw new UsageException($"--questions: {e.Message}");
        }
    }

    private static void StudyCharts(string records, IReadOnlyList<StudyQuestion> questions, string output, StringBuilder captions, Reporter reporter)
    {
        var found = RunRecords.Read(records);
        foreach (var question in questions)
        {
            var rows = question.Available(found);
            var missing = question.Missing(found);
            captions.AppendLine($"## {StudyChartFile(question.Name)}").AppendLine();
            if (rows.Count == 0)
            {
                reporter.Info($"{question.Name}: no records yet of {string.Join(", ", question.Rows)}; no chart");
                captions.AppendLine($"{question.Title}: no records yet under `{records}`, so no chart.").AppendLine();
                continue;
            }
            string path = Path.Combine(output, StudyChartFile(question.Name));
            ChartPage.SavePng(question.Chart(rows), path, width: 900, height: 460);
            reporter.Info($"wrote {Path.GetFullPath(path)}");
            captions.AppendLine($"{question.Title}. Test IoU and boundary F at model resolution, mean ± one sample std over each row's seeds " +
                    $"(records `{records}/<row>-seed<N>/result.json`; the control is `{question.Control}`).").AppendLine()
                .AppendLine("| row | seeds | IoU | boundary F |").AppendLine("|---|---|---|---|");
            foreach (var row in rows)
                captions.AppendLine($"| {row.Method} | {row.Runs} | {Cell(row, "iou")} | {Cell(row, "boundary_f")} |");
            if (missing.Count > 0) captions.AppendLine().AppendLine("Not run yet: " + string.Join(", ", missing.Select(m => $"`{m}`")) + ".");
            captions.AppendLine();
        }
    }

    private static string Cell(MetricsRow row, string metric) => row.Std is { } std
        ? string.Create(CultureInfo.InvariantCulture, $"{row.Mean[metric]:0.000} ± {std[metric]:0.000}")
        : string.Create(CultureInfo.InvariantCulture, $"{row.Mean[metric]:0.000}");

    private static void ErrorMaps(FiguresSettings settings, IReadOnlyList<string> checkpoints, string output, StringBuilder captions,
        Reporter reporter, CancellationToken cancellationToken)
    {
        int count = settings.Count;
        var configs = checkpoints.Select(c => Checkpoint.ReadManifest(c).Config).ToList();
        // A method's name alone while it is unambiguous, else with its seed.
        var names = configs.Select(c => configs.Count(o => o.Method == c.Method) > 1 ? $"{c.Method} seed {c.Training.Seed}" : c.Method).ToList();
        var repeated = names.Select((n, i) => (n, i)).GroupBy(x => x.n).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new UsageException($"--checkpoints: {checkpoints[repeated.Last().i]} is the same method and seed as {checkpoints[repeated.First().i]}");
        var first = configs[0];
        // The figure draws figure-ground error maps (false positives and negatives); multi-class pages come from --report.
        if (!first.Task.IsBinary)
            throw new UsageException($"--checkpoints: {checkpoints[0]} predicts {first.Task.Describe()}; the error-map figure is figure-ground only (asm report --records or --report draw multi-class predictions)");
        ComputeDevice.Prepare(first.Training with { Threads = settings.ThreadCount() });
        var data = DataSources.Load(first.Data with { Source = settings.Data ?? first.Data.Source }, new Progress<string>(reporter.Info), cancellationToken);
        var byMethod = TestPredictions.FromCheckpoints(names.Zip(checkpoints).ToList(), data.Test, cancellationToken).ByPredictor;
        var chosen = PredictionViews.MostDifferent(data.Test, byMethod, Math.Min(count, data.Test.Count));
        var png = PredictionViews.Compare(data.Test, byMethod, chosen).ToPng();
        string path = Path.Combine(output, ErrorMapsFile);
        png.Save(path);
        reporter.Info($"wrote {Path.GetFullPath(path)} ({png.Bytes.Length / 1024} KB)");

        captions.AppendLine(CultureInfo.InvariantCulture, $"## {ErrorMapsFile}").AppendLine()
            .AppendLine($"The {chosen.Count} of {data.Test.Count} test images ({data.Description}) on which the predictors' IoU differs most, one row each: " +
                $"image | ground truth | {string.Join(" | ", byMethod.Keys)} (error maps at the model's {first.Data.Size.Display}: {MaskImages.ErrorLegend}; true negatives show the image darkened).")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"| image | {string.Join(" | ", byMethod.Keys.Select(k => $"{k} IoU"))} |")
            .AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(byMethod.Keys.Select(_ => "---|"))}");
        foreach (int i in chosen)
            captions.AppendLine($"| {data.Test[i].Name} | " +
                string.Join(" | ", byMethod.Values.Select(p => string.Create(CultureInfo.InvariantCulture, $"{PredictionViews.Iou(p[i], data.Test[i].Mask):0.000}"))) + " |");
        captions.AppendLine().AppendLine("Checkpoints: " + string.Join(", ", checkpoints.Select(c => $"`{c}`")) + ".");
    }
}
