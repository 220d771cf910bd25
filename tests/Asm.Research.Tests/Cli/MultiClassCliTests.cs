using System.Text.Json;
using Asm.Research.Tests.Interop;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Asm.Research.Tests.Cli;

/// <summary>
/// The multi-class path through the command line, as a user runs it: train on the built-in scenes at a rectangular
/// size, eval, predict (class-index and colour PNGs), export (C-channel weights), and the refusals in between.
/// </summary>
public sealed class MultiClassCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-multiclass-").FullName;

    // 6 scene classes at 32×48, two epochs of 8 images: seconds.
    private static readonly string[] Flags =
    [
        "--data", "scenes", "--size", "32x48", "--epochs", "1", "--batch", "4", "--threads", "1",
        "--set", "data.syntheticTrain=8", "--set", "data.syntheticTest=4", "--set", "predictor.width=4",
        "--set", "analyzer.widths=8,8,8,8,8",
    ];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_eval_predict_and_export_a_multi_class_run()
    {
        string run = Path.Combine(_dir, "run");
        var train = CliProcess.Run(["train", "--method", "asm+ce", "--out", run, "--json", .. Flags]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        using (var doc = JsonDocument.Parse(train.LastLine))
        {
            var test = doc.RootElement.GetProperty("test");
            Assert.InRange(test.GetProperty("miou").GetDouble(), 0, 1);
            Assert.False(test.TryGetProperty("iou", out _)); // a binary score a multi-class run does not have
            var classes = test.GetProperty("classes");
            Assert.Equal(6, classes.GetProperty("iou").GetArrayLength());
            Assert.Equal("sky", classes.GetProperty("classes")[0].GetString());
            Assert.Equal("32x48", doc.RootElement.GetProperty("size").GetString());
            Assert.Equal("scenes", doc.RootElement.GetProperty("config").GetProperty("task").GetProperty("name").GetString());
        }

        var eval = CliProcess.Run("eval", "--checkpoint", run, "--data", "scenes", "--threads", "1",
            "--set", "data.syntheticTrain=8", "--set", "data.syntheticTest=4");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        Assert.Contains("per class", eval.Stdout);
        Assert.Contains("pavement", eval.Stdout);

        // Predict on two images of another size than the working size: labels and colours at each image's own size.
        string inputs = Path.Combine(_dir, "inputs");
        Directory.CreateDirectory(inputs);
        foreach (var (name, w, h) in new[] { ("a", 60, 40), ("b", 33, 21) })
        {
            using var image = new Image<Rgb24>(w, h, new Rgb24(90, 120, 200));
            image.SaveAsPng(Path.Combine(inputs, $"{name}.png"));
        }
        string output = Path.Combine(_dir, "predicted");
        var predict = CliProcess.Run("predict", "--checkpoint", run, "--input", inputs, "--out", output, "--json", "--threads", "1");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        using (var labels = Image.Load<L8>(Path.Combine(output, "a_labels.png")))
        {
            Assert.Equal((60, 40), (labels.Width, labels.Height));
            labels.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < rows.Height; y++)
                    foreach (var p in rows.GetRowSpan(y)) Assert.InRange(p.PackedValue, 0, 5);
            });
        }
        using (var colour = Image.Load<Rgb24>(Path.Combine(output, "b_colour.png")))
            Assert.Equal((33, 21), (colour.Width, colour.Height));
        using (var doc = JsonDocument.Parse(predict.LastLine))
            Assert.Equal(6, doc.RootElement.GetProperty("images")[0].GetProperty("class_shares").EnumerateObject().Count());

        string pt = Path.Combine(_dir, "predictor.pt");
        var export = CliProcess.Run("export", "--checkpoint", run, "--out", pt);
        Assert.True(export.ExitCode == 0, export.Stderr);
        if (PythonTorch.Interpreter is not null)
        {
            string shape = PythonTorch.Run("import sys, torch; sd = torch.load(sys.argv[1]); print(tuple(sd['head.weight'].shape))", pt).Trim();
            Assert.Equal("(6, 4, 1, 1)", shape);
        }
    }

    [Fact]
    public void A_labelmaps_folder_with_palette_masks_trains_and_its_classes_file_names_the_task()
    {
        using var files = new Asm.Research.Tests.Data.LabelFiles();
        files.Text("classes.json", """
            { "name": "toy", "classes": [ {"name": "ground", "colour": "#000000"}, {"name": "road", "colour": "#804080"},
              {"name": "pole", "colour": "#C0C080"} ], "voidColour": "#FFFFFF" }
            """);
        Rgb24[] palette = [new(0, 0, 0), new(128, 64, 128), new(192, 192, 128)];
        for (int i = 0; i < 12; i++)
        {
            files.Image($"images/s{i:D2}.png", 48, 32);
            var labels = Asm.Research.Tests.Data.LabelFiles.Pattern(48, 32, 3, withVoid: true, shift: i);
            files.ColourMask($"masks/s{i:D2}.png", 48, 32, labels.Select(v => v == 255 ? new Rgb24(255, 255, 255) : palette[v]).ToArray(), palette: true);
        }
        string run = Path.Combine(_dir, "toy");
        var train = CliProcess.Run("train", "--data", files.Root, "--method", "ce+lovasz", "--size", "32x48", "--epochs", "1", "--batch", "4",
            "--threads", "1", "--set", "data.trainCount=8", "--set", "predictor.width=4", "--out", run, "--json");
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("toy: 3 classes (ground, road, pole)", train.Stderr + train.Stdout);
        using var doc = JsonDocument.Parse(train.LastLine);
        Assert.Equal(4, doc.RootElement.GetProperty("test").GetProperty("n").GetInt32());
        Assert.Equal(["ground", "road", "pole"], doc.RootElement.GetProperty("test").GetProperty("classes").GetProperty("classes")
            .EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_binary_method_on_multi_class_data_exits_2_naming_its_equivalent()
    {
        var result = CliProcess.Run(["train", "--method", "asm+bce", "--out", Path.Combine(_dir, "x"), .. Flags]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("asm+ce", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Fact]
    public void A_multi_class_checkpoint_on_binary_data_exits_2_with_both_tasks()
    {
        string run = Path.Combine(_dir, "ce");
        var train = CliProcess.Run(["train", "--method", "ce", "--out", run, .. Flags]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        var eval = CliProcess.Run("eval", "--checkpoint", run, "--data", "synthetic", "--threads", "1");
        Assert.Equal(2, eval.ExitCode);
        Assert.Contains("6 classes", eval.Stderr);
        Assert.Contains("binary", eval.Stderr);
    }
}
