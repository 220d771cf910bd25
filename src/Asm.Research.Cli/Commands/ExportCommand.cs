using System.ComponentModel;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Interop;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm export</c>: a checkpoint's predictor as a PyTorch state_dict file, for <c>torch.load</c> in Python.</summary>
[Description("""
    Writes a checkpoint's predictor as a PyTorch state_dict file, for torch.load in Python.
    Writes the checkpoint's predictor S (parameters and batch-norm buffers) in PyTorch's own format:
    torch.load(FILE) in Python gives its state_dict. train/compare --init-from FILE.pt read it back.
    Refuses to replace FILE unless --force.
    """)]
public sealed class ExportCommand : Command<ExportSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        string checkpoint = settings.Checkpoint!, output = settings.Out!;
        if (Directory.Exists(output)) throw new UsageException($"--out: {Path.GetFullPath(output)} is a folder; give a file name such as predictor.pt");
        if (File.Exists(output) && !settings.Force) throw new UsageException($"--out: {Path.GetFullPath(output)} exists; pass --force to replace it");
        OutputPlace.RequireFileFolder("--out", output);
        var reporter = new Reporter(settings.Json);

        using var experiment = Checkpoint.Load(checkpoint);
        PyTorchStateDict.Save(experiment.Predictor, output);
        var state = experiment.Predictor.state_dict();
        if (reporter.Json)
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["checkpoint"] = Checkpoint.Resolve(checkpoint), ["out"] = Path.GetFullPath(output),
                ["method"] = experiment.Config.Method, ["tensors"] = state.Count, ["parameters"] = state.Values.Sum(t => t.numel()),
            }, RunResult.Json));
        else
            reporter.Info($"{experiment.Config.Method} predictor ({state.Count} tensors, {state.Values.Sum(t => t.numel()):N0} values) written to {Path.GetFullPath(output)}; in Python: torch.load(\"{Path.GetFileName(output)}\")");
        return 0;
    }
}
