using System.Text.RegularExpressions;
using Asm.Research.Tests.Notebooks;

namespace Asm.Research.Tests.Cli;

/// <summary>One multi-class run with --report (ce on the built-in scenes at 32×48, one epoch), shared by the report tests.</summary>
public sealed class TinySceneRun : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("asm-scene-report-").FullName;
    public string Run => Path.Combine(Folder, "run");
    public string Page => Path.Combine(Folder, "train.html");
    internal CliProcess.Result Result { get; }

    // As MultiClassCliTests' flags: 6 scene classes at 32×48, 8 training and 4 test images.
    internal static readonly string[] Flags =
    [
        "--data", "scenes", "--size", "32x48", "--epochs", "1", "--batch", "4", "--threads", "1",
        "--set", "data.syntheticTrain=8", "--set", "data.syntheticTest=4", "--set", "predictor.width=4",
        "--set", "analyzer.widths=8,8,8,8,8",
    ];

    public TinySceneRun() => Result = CliProcess.Run(["train", "--method", "ce", "--out", Run, "--report", Page, .. Flags]);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>The HTML report of a multi-class run, from train and from eval: the task's classes, per-class views, images in class colours.</summary>
public sealed class MultiClassReportCliTests(TinySceneRun run) : IClassFixture<TinySceneRun>
{
    private static readonly string[] Classes = ["sky", "building", "road", "pavement", "car", "pole"];

    [Fact]
    public void Train_report_names_the_classes_and_shows_per_class_views_and_the_worst_test_images()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        string html = File.ReadAllText(run.Page);
        foreach (var name in Classes) Assert.Contains(name, html);
        Assert.Contains("<h2>Per class</h2>", html);
        Assert.Contains("asm-class-table", html);
        Assert.Contains("\"type\":\"heatmap\"", html);
        Assert.Contains("road ↔ pavement", html);
        Assert.Contains("lowest per-image mIoU", html);
        // The task's metrics, not the binary ones.
        Assert.Contains(">mean_class_acc<", html);
        Assert.DoesNotContain(">boundary_iou<", html);
        // Image, truth, prediction and error map of each of the 4 test images, as inline PNGs.
        Assert.Equal(4 * 4, Regex.Count(html, "<img src=\"data:image/png;base64,"));
        // Score bars, test mIoU per epoch, losses, per-class IoU and boundary F, one heat map.
        Assert.Equal(6, Regex.Count(html, "class=\"asm-plotly\""));
    }

    [Fact]
    public void Eval_report_of_the_checkpoint_draws_the_same_sections()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        string page = Path.Combine(run.Folder, "eval.html");
        var eval = CliProcess.Run("eval", "--checkpoint", run.Run, "--data", "scenes", "--threads", "1", "--report", page,
            "--set", "data.syntheticTrain=8", "--set", "data.syntheticTest=4");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        string html = File.ReadAllText(page);
        Assert.Contains("<h2>Per class</h2>", html);
        Assert.Contains("pavement", html);
        Assert.Equal(4 * 4, Regex.Count(html, "<img "));
    }

    [BrowserFact]
    [Trait("Category", "Browser")]
    public void Every_chart_of_the_multi_class_report_draws_and_every_image_decodes_in_chromium()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        var page = Chromium.Check(run.Page);
        Assert.Empty(page.Problems);
        Assert.Equal((6, 6), (page.Charts, page.Drawn));
        Assert.Equal((16, 16), (page.Images, page.Decoded));
    }
}
