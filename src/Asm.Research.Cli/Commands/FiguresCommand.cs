using Asm.Research.Platform;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Figures;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Visuals;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm figures</c>: the PNG figures of docs/RESULTS.md from recorded runs and checkpoints, plus a Markdown caption
/// file. Figure-ground records give per-epoch test IoU and the study's question charts; multi-class records give
/// per-class differences from a baseline, two rows' confusion matrices and per-epoch test mIoU; checkpoints give the
/// test images where the predictors differ most.
/// </summary>
[Description("""
    Draws the PNG figures of docs/RESULTS.md from recorded runs and checkpoints, with a caption file.
    --records DIR (run folders DIR/<row>-seed<N>/), by the records' kind. Figure-ground: per-epoch test IoU as
    OUT/test-iou-per-epoch.png, and with --questions FILE one grouped-bar chart per question of the study (IoU and
    boundary F, ± one sample std over seeds) as OUT/study-<name>.png. Multi-class: per class, each row's IoU and
    boundary F minus --baseline's (means over seeds, ± the standard error of the difference) as
    OUT/class-iou-delta.png and OUT/class-boundary-f-delta.png; the --confusion rows' confusion matrices (seeds
    summed, rows normalised) side by side as OUT/confusion-<a>-vs-<b>.png; per-epoch test mIoU as
    OUT/test-miou-per-epoch.png. --curves DIR: only the per-epoch chart of DIR's records (held-out training images
    when their data.holdout > 0: OUT/holdout-miou-per-epoch.png). Charts are drawn with Plotly.NET and shot by
    headless Chromium (needs chromium; ASM_CHROMIUM names another browser). --checkpoints: the test images on which
    those predictors' per-image (m)IoU differs most, one row each: image | ground truth | each predictor's error map
    (figure-ground, OUT/error-maps.png) or its label map in the class colours (multi-class, OUT/class-predictions.png;
    needs chromium), test data from --data, default the first checkpoint's. Writes OUT/figures.md with the captions
    and numbers, one section per figure: the figures drawn replace their sections, the others keep theirs while
    their file is there. Replaces these files, nothing else.
    """)]
public sealed class FiguresCommand : Command<FiguresSettings>
{
    /// <summary>The figure-ground per-epoch chart's file name.</summary>
    public const string ChartFile = "test-iou-per-epoch.png";
    /// <summary>The error-map figure's file name.</summary>
    public const string ErrorMapsFile = "error-maps.png";
    /// <summary>The multi-class prediction figure's file name.</summary>
    public const string PredictionsFile = "class-predictions.png";
    /// <summary>The caption file's name.</summary>
    public const string CaptionsFile = "figures.md";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, FiguresSettings settings, CancellationToken cancellationToken)
    {
        var checkpoints = settings.CheckpointList();
        string output = settings.Out;
        OutputPlace.RequireFolder("--out", output);
        var reporter = new Reporter(settings.Json);
        var captions = new StringBuilder();

        // Every input is read and checked before the first figure is drawn: a bad questions file, a missing row or
        // an option of the other kind of records stops the command with nothing written.
        var questions = settings.Questions is { } questionsFile ? LoadQuestions(questionsFile) : null;
        var fromRecords = settings.Records is { } records ? ReadRecords(settings, records, questions) : null;
        var curves = settings.Curves is { } curvesFolder ? ReadCurves(curvesFolder, settings, "--curves") : null;
        if (curves is not null && fromRecords?.Curves?.FileName == curves.FileName)
            throw new UsageException($"--curves: its chart and --records' are both {curves.FileName}; draw them to two --out folders");
        if ((fromRecords is not null || curves is not null) && ChromiumScreenshot.Find() is null)
            throw new UsageException($"figures: the charts need Chromium (apt-get install chromium, or set {ChromiumScreenshot.Variable}); none found");

        if (fromRecords is not null) DrawRecords(fromRecords, settings.Records!, output, captions, reporter);
        if (curves is not null) DrawCurves(curves, settings.Curves!, output, captions, reporter);
        if (checkpoints.Count > 0) Predictions(settings, checkpoints, output, captions, reporter, cancellationToken);

        // Each drawn figure's section says the command that drew it; the other figures' sections are kept.
        string command = $"Command: `asm {string.Join(' ', context.Arguments)}`";
        var fresh = CaptionFile.Sections(captions.ToString()).Select(f => (f.File, WithCommand(f.Text, command))).ToList();
        string captionsPath = Path.Combine(output, CaptionsFile);
        string? existing = File.Exists(captionsPath) ? InputFile.ReadAllText(captionsPath) : null;
        ExperimentRunner.WriteAtomically(captionsPath, CaptionFile.Merge(existing, fresh, file => File.Exists(Path.Combine(output, file))));
        reporter.Info($"wrote {Path.GetFullPath(Path.Combine(output, CaptionsFile))}");
        return 0;
    }

    /// <summary>A study chart's file name.</summary>
    public static string StudyChartFile(string question) => $"study-{question}.png";

    // What --records draws: its per-epoch chart (if any), the study questions (figure-ground) or the per-class figures (multi-class).
    private sealed record RecordFigures(EpochCurveSet? Curves, IReadOnlyList<StudyQuestion>? Questions, IReadOnlyList<(string Label, RunResult Run)> Records,
        string? Baseline, IReadOnlyList<ClassDeltas> Deltas, ConfusionComparison? Confusion);

    private static RecordFigures ReadRecords(FiguresSettings settings, string folder, IReadOnlyList<StudyQuestion>? questions)
    {
        if (!Directory.Exists(folder)) throw new UsageException($"--records: folder '{Path.GetFullPath(folder)}' does not exist");
        var records = RunRecords.Read(folder);
        var kinds = records.Select(r => r.Run.Test.Kind).Distinct().ToList();
        // A study folder may keep another task's study in a subfolder (docs/results/camvid beside the horses' runs):
        // the kind of the folder's own runs decides, and the subfolders of the other kind are left out, said on stderr.
        var own = records.Where(r => !r.Label.Contains('/')).Select(r => r.Run.Test.Kind).Distinct().ToList();
        if (kinds.Count > 1 && own.Count == 1)
        {
            var otherStudies = records.Where(r => r.Run.Test.Kind != own[0]).Select(r => r.Label.Split('/')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
            Console.Error.WriteLine(TerminalText.Plain($"--records: {folder}: drawing its {(own[0] == TaskKinds.Binary ? "figure-ground" : "multi-class")} runs; " +
                $"left out the other kind's records under {string.Join(", ", otherStudies.Select(l => l + "/"))}"));
            records = records.Where(r => r.Run.Test.Kind == own[0]).ToList();
            kinds = own;
        }
        if (kinds.Count > 1)
            throw new UsageException($"--records: {folder} holds figure-ground records ({Example(records, TaskKinds.Binary)}) and multi-class ones " +
                $"({Example(records, TaskKinds.MultiClass)}); their figures differ, so give a folder of one kind");
        if (kinds is not [TaskKinds.MultiClass])
        {
            string? classOption = settings.Baseline is not null ? "--baseline" : settings.Confusion is not null ? "--confusion" : null;
            if (classOption is not null)
                throw new UsageException($"{classOption}: the per-class figures need multi-class records; {folder} holds " +
                    (records.Count == 0 ? "no complete records (result.json)" : $"figure-ground records ({Example(records, TaskKinds.Binary)})"));
            // Figure-ground records: the per-epoch chart, as ever, and the questions' charts.
            return new RecordFigures(ReadCurves(folder, settings, "--records"), questions, records, null, [], null);
        }
        if (questions is not null)
            throw new UsageException($"--questions: the study charts show foreground IoU of figure-ground records; {folder} holds multi-class records " +
                $"({Example(records, TaskKinds.MultiClass)}); their per-class figures come from --baseline and --confusion");

        var sets = ClassScoreSet.FromRuns(records);
        var odd = sets.FirstOrDefault(s => !s.Classes.SequenceEqual(sets[0].Classes));
        if (odd is not null)
            throw new UsageException($"--records: {odd.Label} was scored on other classes ({string.Join(", ", odd.Classes)}) than {sets[0].Label} " +
                $"({string.Join(", ", sets[0].Classes)}); per-class figures need one set of classes");
        var byLabel = sets.ToDictionary(s => s.Label);
        ClassScoreSet Row(string row, string option) => byLabel.TryGetValue(row, out var set) ? set
            : throw new UsageException($"{option}: no records of row '{row}' under {folder}; its rows: {string.Join(", ", RowLabels.InTableOrder(byLabel.Keys))}");
        var rows = (settings.MethodList() ?? RowLabels.InTableOrder(byLabel.Keys)).Select(r => Row(r, "--methods")).ToList();
        var baseline = Row(settings.Baseline ?? FiguresSettings.DefaultBaseline, "--baseline");
        var (left, right) = settings.ConfusionRows();
        var deltas = rows.Any(r => r != baseline)
            ? new[] { ClassMetric.Iou, ClassMetric.BoundaryF }.Select(m => ClassDeltas.Of(baseline, rows, m)).ToList()
            : [];
        // The per-epoch chart needs the records' epochs.json; without any (records collected without them) it is left out.
        var curves = settings.MethodList() is not null || EpochCurves.Rows(folder, settings.Seed).Count > 0 ? ReadCurves(folder, settings, "--records") : null;
        return new RecordFigures(curves, null, records, baseline.Label, deltas, ConfusionComparison.Of(Row(left, "--confusion"), Row(right, "--confusion")));
    }

    // One record of the kind, named with its task, for messages.
    private static string Example(IReadOnlyList<(string Label, RunResult Run)> records, TaskKinds kind)
    {
        var (label, run) = records.First(r => r.Run.Test.Kind == kind);
        return run.Config?.Task.Describe() is { } task ? $"{label}: {task}" : label;
    }

    private static EpochCurveSet ReadCurves(string folder, FiguresSettings settings, string option)
    {
        if (!Directory.Exists(folder)) throw new UsageException($"{option}: folder '{Path.GetFullPath(folder)}' does not exist");
        return EpochCurves.Read(folder, settings.MethodList(), settings.Seed);
    }

    private static void DrawRecords(RecordFigures figures, string folder, string output, StringBuilder captions, Reporter reporter)
    {
        if (figures.Curves is { } curves) DrawCurves(curves, folder, output, captions, reporter);
        if (figures.Questions is { } questions) StudyCharts(folder, figures.Records, questions, output, captions, reporter);
        if (figures.Baseline is { } baseline && figures.Deltas.Count == 0)
            reporter.Info($"{folder}: no row besides the baseline {baseline}; no per-class differences");
        foreach (var deltas in figures.Deltas)
            Draw(deltas.FileName, deltas.Chart(), deltas.Size, deltas.Caption(folder), output, captions, reporter);
        if (figures.Confusion is { } confusion)
            Draw(confusion.FileName, confusion.Chart(), confusion.Size, confusion.Caption(folder), output, captions, reporter);
    }

    private static void DrawCurves(EpochCurveSet curves, string folder, string output, StringBuilder captions, Reporter reporter) =>
        Draw(curves.FileName, curves.Chart(), (800, 420), curves.Caption(folder), output, captions, reporter);

    private static void Draw(string file, Plotly.NET.GenericChart chart, (int Width, int Height) size, string caption, string output,
        StringBuilder captions, Reporter reporter)
    {
        string path = Path.Combine(output, file);
        ChartPage.SavePng(chart, path, size.Width, size.Height);
        reporter.Info($"wrote {Path.GetFullPath(path)}");
        captions.AppendLine($"## {file}").AppendLine().AppendLine(caption.TrimEnd()).AppendLine();
    }

    // The command line just below a section's heading.
    private static string WithCommand(string section, string command)
    {
        int end = section.IndexOf('\n') + 1;
        return $"{section[..end]}\n{command}\n{section[end..]}";
    }

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

    private static void StudyCharts(string records, IReadOnlyList<(string Label, RunResult Run)> found, IReadOnlyList<StudyQuestion> questions, string output,
        StringBuilder captions, Reporter reporter)
    {
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

    private static void Predictions(FiguresSettings settings, IReadOnlyList<string> checkpoints, string output, StringBuilder captions,
        Reporter reporter, CancellationToken cancellationToken)
    {
        var configs = checkpoints.Select(c => Checkpoint.ReadManifest(c).Config).ToList();
        // Each column is named by its row (ce_weighted-seed0 → "ce, weighted"), with its seed while that is ambiguous.
        var rows = checkpoints.Zip(configs, (c, config) => RowLabels.Display(RowLabels.OfCheckpoint(c, config.Method))).ToList();
        var names = rows.Select((r, i) => rows.Count(o => o == r) > 1 ? $"{r} seed {configs[i].Training.Seed}" : r).ToList();
        var repeated = names.Select((n, i) => (n, i)).GroupBy(x => x.n).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new UsageException($"--checkpoints: {checkpoints[repeated.Last().i]} is the same row and seed as {checkpoints[repeated.First().i]}");
        var first = configs[0];
        var odd = configs.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Task.IsBinary != first.Task.IsBinary);
        if (odd.c is not null)
            throw new UsageException($"--checkpoints: {checkpoints[odd.i]} predicts {odd.c.Task.Describe()}, {checkpoints[0]} {first.Task.Describe()}; one figure needs one kind of task");
        if (!first.Task.IsBinary && ChromiumScreenshot.Find() is null)
            throw new UsageException($"--checkpoints: the multi-class figure needs Chromium for its headers and scores (apt-get install chromium, or set {ChromiumScreenshot.Variable}); none found");
        ComputeDevice.Prepare(first.Training with { Threads = settings.ThreadCount() });
        var data = DataSources.Load(first.Data with { Source = settings.Data ?? first.Data.Source }, new Progress<string>(reporter.Info), cancellationToken);
        var predictions = TestPredictions.FromCheckpoints(names.Zip(checkpoints).ToList(), data.Test, cancellationToken);
        if (first.Task.IsBinary) ErrorMaps(settings.Count, data, predictions, first, checkpoints, output, captions, reporter);
        else ClassPredictions(settings.Count, data, predictions, first, checkpoints, output, captions, reporter);
    }

    private static void ClassPredictions(int count, SegmentationDataset data, TestPredictions predictions, ExperimentConfig first, IReadOnlyList<string> checkpoints,
        string output, StringBuilder captions, Reporter reporter)
    {
        var picks = PredictionPick.MostDifferent(data.Test, predictions.Labels, predictions.Task, count);
        var grid = new PredictionGrid(data.Test, predictions.Labels, picks, predictions.Task);
        // The pilot's "test" images are held out of the training split; the title and caption say so.
        string scoredOn = first.Data.Holdout > 0 ? "held-out training images" : "test images";
        string path = Path.Combine(output, PredictionsFile);
        grid.SavePng(path, $"The {picks.Count} {scoredOn} on which the predictors' per-image mIoU differs most");
        reporter.Info($"wrote {Path.GetFullPath(path)}");
        captions.AppendLine($"## {PredictionsFile}").AppendLine().AppendLine(grid.Caption(scoredOn, data.Description, checkpoints).TrimEnd()).AppendLine();
    }

    private static void ErrorMaps(int count, SegmentationDataset data, TestPredictions predictions, ExperimentConfig first, IReadOnlyList<string> checkpoints,
        string output, StringBuilder captions, Reporter reporter)
    {
        var byMethod = predictions.ByPredictor;
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
