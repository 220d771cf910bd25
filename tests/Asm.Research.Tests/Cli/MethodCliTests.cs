using System.Text.Json;
using Asm.Research.Training.Methods;

namespace Asm.Research.Tests.Cli;

/// <summary>The registry as the command line shows it: help, --method, --set ordering.</summary>
public sealed class MethodCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"asm-methods-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // One step: 4 training images in one batch of 4, one epoch.
    private static readonly string[] OneStep =
    [
        "--size", "32", "--epochs", "1", "--batch", "4", "--threads", "1",
        "--set", "data.syntheticTrain=4", "--set", "data.syntheticTest=4", "--set", "predictor.width=4",
    ];

    [Fact]
    public void Help_lists_every_registered_method_with_its_description()
    {
        var result = CliProcess.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var method in MethodRegistry.All)
        {
            Assert.Contains(method.Name, result.Stdout);
            Assert.Contains(method.Description, result.Stdout);
        }
        Assert.Contains(string.Join("|", MethodRegistry.Names), CliProcess.Run("train", "--help").Stdout);
    }

    [Theory]
    [InlineData("bce+dice", "dice")]
    [InlineData("bce+lovasz", "lovasz")]
    [InlineData("aaf", "aaf")]
    public void A_structure_loss_method_trains_one_step_through_asm_train(string method, string loss)
    {
        string output = Path.Combine(_dir, method);
        var result = CliProcess.Run(["train", "--method", method, "--out", output, "--json", .. OneStep]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.LastLine).RootElement;
        Assert.Equal(method, json.GetProperty("method").GetString());
        double iou = json.GetProperty("test").GetProperty("iou").GetDouble();
        Assert.InRange(iou, 0, 1);
        // The structure loss was in the objective: its per-epoch mean is in the checkpoint's history.
        var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "checkpoint", "checkpoint.json"))).RootElement;
        var losses = checkpoint.GetProperty("history").GetProperty("epochs")[0].GetProperty("meanLosses");
        Assert.True(double.IsFinite(losses.GetProperty(loss).GetDouble()));
        Assert.True(double.IsFinite(losses.GetProperty("bce").GetDouble()));
    }

    [Fact]
    public void A_set_method_after_an_explicit_value_it_would_undo_exits_2_naming_both_keys()
    {
        var result = CliProcess.Run(["train", "--set", "asm.lambdaSup=0.5", "--set", "method=asm+bce", "--out", Path.Combine(_dir, "x"), .. OneStep]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("method=asm+bce", result.Stderr);
        Assert.Contains("asm.lambdaSup", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }
}
