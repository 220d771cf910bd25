using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Interop;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm export</c>: a checkpoint's predictor as a PyTorch state_dict file, for <c>torch.load</c> in Python.</summary>
public static class ExportCommand
{
    public const string Help = """
        asm export --checkpoint DIR --out FILE.pt [--force] [--json]
          Writes the checkpoint's predictor S (parameters and batch-norm buffers) in PyTorch's own format:
          torch.load(FILE) in Python gives its state_dict. train/compare --init-from FILE.pt read it back.
          Refuses to replace FILE unless --force.
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("export", argv, new HashSet<string>(["--checkpoint", "--out"]), new HashSet<string>(["--json", "--force"]));
        string checkpoint = args.Value("--checkpoint") ?? throw new UsageException("export: --checkpoint DIR is required");
        string output = args.Value("--out") ?? throw new UsageException("export: --out FILE.pt is required");
        if (Directory.Exists(output)) throw new UsageException($"--out: {Path.GetFullPath(output)} is a folder; give a file name such as predictor.pt");
        if (File.Exists(output) && !args.Flag("--force")) throw new UsageException($"--out: {Path.GetFullPath(output)} exists; pass --force to replace it");
        var reporter = new Reporter(args.Flag("--json"));

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
