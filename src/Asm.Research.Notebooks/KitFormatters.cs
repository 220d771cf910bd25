using System.IO;
using Asm.Research.Configuration;
using Asm.Research.Data.Tasks;
using Asm.Research.Metrics;
using Asm.Research.Training;
using Asm.Research.Visuals;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using TorchSharp;

namespace Asm.Research.Notebooks;

/// <summary>
/// The kit's notebook formatters (.NET Interactive's <see cref="Formatter"/>): how charts, images,
/// galleries, config records, scores (a multi-class record with its per-class table), metrics tables and tensors show in a notebook cell.
/// </summary>
public static class KitFormatters
{
    private const string Html = "text/html";
    private const string Plain = "text/plain";

    /// <summary>Registers every formatter (again is harmless: a later registration replaces an earlier one).</summary>
    public static void Register()
    {
        // Charts draw with the plotly.js the setup cell embeds; nothing is fetched from a CDN.
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(Charts.ToHtml(chart, cdnFallback: false)), Html);
        Formatter.Register<HtmlView>((view, writer) => writer.Write(view.Html), Html);
        Formatter.Register<PngImage>((image, writer) => writer.Write(image.ToHtml()), Html);
        Formatter.Register<Gallery>((gallery, writer) => writer.Write(gallery.ToHtml()), Html);
        Formatter.Register<RecordTreeView>((tree, writer) => writer.Write(tree.ToHtml()), Html);
        Formatter.Register<RecordTreeView>((tree, writer) => writer.Write(tree.ToString()), Plain);

        foreach (var type in ConfigTypes())
        {
            Formatter.Register(type, (value, writer) => writer.Write(RecordTreeView.From(value).ToHtml(value.GetType().Name)), Html);
            Formatter.Register(type, (value, writer) => writer.Write(value.GetType().Name + Environment.NewLine + RecordTreeView.From(value)), Plain);
            Formatter.SetPreferredMimeTypesFor(type, Html, Plain);
        }

        // A multi-class record adds its per-class table (names, IoU, accuracy, boundary F) under the task's metrics.
        Formatter.Register<SegmentationScores>((s, writer) => writer.Write(
            MetricsTable.ToHtml([TrainingViews.Row("test", s)], TrainingViews.MetricsOf(s)) + PerClass(s, null)), Html);
        Formatter.Register<EvaluationResult>((r, writer) => writer.Write(MetricsTable.ToHtml(
            [TrainingViews.Row("model resolution", r.Model), TrainingViews.Row("mask resolution", r.Original)],
            TrainingViews.MetricsOf(r.Model), caption: $"{r.Model.N} test images") + PerClass(r.Model, null)), Html);
        Formatter.Register<RunResult>((r, writer) => writer.Write(MetricsTable.ToHtml(
            [TrainingViews.Row($"{r.Method} seed {r.Seed}", r.Test), TrainingViews.Row("at mask resolution", r.TestOriginal)],
            TrainingViews.MetricsOf(r.Test), caption: $"{r.Data}; {r.Epochs} epochs at {r.Size.Display}; {r.TrainSeconds:0.0} s training")
            + PerClass(r.Test, r.Config?.Task)), Html);
        Formatter.Register<MetricsRow>((row, writer) => writer.Write(MetricsTable.ToHtml([row])), Html);
        Formatter.Register<IEnumerable<MetricsRow>>((rows, writer) => writer.Write(MetricsTable.ToHtml(rows)), Html);

        Formatter.Register<torch.Tensor>((tensor, writer) => writer.Write(TensorView.ToHtml(tensor)), Html);
        Formatter.Register<torch.Tensor>((tensor, writer) => writer.Write(TensorView.Summary(tensor)), Plain);
    }

    // Nothing for a binary record; a multi-class one's per-class table, in the task's colours when known.
    private static string PerClass(SegmentationScores scores, SegmentationTask? task) =>
        scores.Classes is { } classes
            ? "<div style=\"margin-top:6px\">" + ClassScoresTable.ToHtml([ClassScoreSet.Of("test", classes)], task, "per class, model resolution (– = class absent)") + "</div>"
            : "";

    /// <summary>The config records of <c>Asm.Research.Configuration</c> (ExperimentConfig, DataConfig, …).</summary>
    public static IReadOnlyList<Type> ConfigTypes() =>
        typeof(ExperimentConfig).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(ExperimentConfig).Namespace && t.IsClass && !t.IsAbstract && t.Name.EndsWith("Config", StringComparison.Ordinal))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
}
