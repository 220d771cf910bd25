using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Reports;
using Asm.Research.Training;
using Asm.Research.Training.Output;
using Asm.Research.Training.Methods;

namespace Asm.Research.Cli.Commands;

/// <summary><c>asm train</c>: trains one method with one seed, checkpointing every epoch.</summary>
public static class TrainCommand
{
    public static string Help => $"""
        asm train --method {string.Join("|", MethodRegistry.Names)} [--data DIR|synthetic] [--size N] [--epochs N] [--batch N]
                  [--seed N] [--out DIR] [--resume] [--force] [--init-from DIR|FILE.pt] [--set key=value ...] [--threads N] [--device cpu|cuda] [--quick]
                  [--report FILE.html] [--json]
          Trains S with the method on the training split, evaluates on the test split, and writes
          DIR/checkpoint/ (after every epoch) and DIR/result.json (at the end). DIR must be new or
          empty; --resume continues from DIR's last complete checkpoint (its config must match; none:
          starts from scratch), --force replaces the kit's files in DIR and keeps every other file.
          Default --out: runs/<method>-seed<N>.
          --init-from starts S from another run's final predictor (a run or checkpoint folder, or a .pt
          from asm export) instead of random weights; it is recorded as training.initFrom in the config.
          --report: also writes one self-contained HTML page (config, loss curves, per-epoch test IoU, scores,
          the test images S gets most wrong with error maps); opens offline. Replaces only a page the kit wrote.
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("train", argv, new HashSet<string>([.. CommonOptions.Values, "--method", "--out", "--report"]),
            new HashSet<string>(["--json", "--resume", "--force", "--quick"]));
        if (args.Flag("--resume") && args.Flag("--force"))
            throw new UsageException("train: --resume and --force exclude each other (continue the run, or replace it)");
        string method = args.Value("--method") ?? "asm";
        if (!MethodRegistry.Contains(method))
            throw new UsageException($"--method '{method}' is unknown; expected one of {string.Join(", ", MethodRegistry.Names)}");
        var config = CommonOptions.BuildConfig(args, method, args.Flag("--quick"));
        string output = args.Value("--out") ?? Path.Combine("runs", $"{config.Method}-seed{config.Training.Seed}");
        var reporter = new Reporter(args.Flag("--json"));
        // Checked before the data is decoded, so a bad --out costs nothing; checked again (and acted on) by the runner.
        OutputFolder.Plan(output, config, args.Flag("--resume"), args.Flag("--force"));
        var report = ReportFile.From(args.Value("--report"));

        var data = DataSources.Load(config.Data, new Progress<string>(reporter.Info), cancellationToken);
        reporter.Info($"data: {data.Description}");
        var capture = new RunCapture(data.Test);
        var result = reporter.Track([config.Method], progress => ExperimentRunner.Run(config, data,
            new RunOptions
            {
                OutputDirectory = output, Resume = args.Flag("--resume"), Force = args.Flag("--force"), Progress = progress(0),
                Log = new Progress<string>(reporter.Info),
                Trained = report is null ? null : capture.For(0, $"{config.Method} seed {config.Training.Seed}", cancellationToken),
            }, cancellationToken));
        report?.Write(RunReport.Build($"asm train: {config.Method}, seed {result.Seed}",
            [new ReportedRun(config.Method, result, capture.History(0))], capture.Predictions, $"asm train {string.Join(' ', argv)}"), reporter);

        if (reporter.Json)
            Console.WriteLine(JsonSerializer.Serialize(result, RunResult.Json));
        else
        {
            ResultTable.Scores($"{config.Method}, seed {result.Seed}: {result.TrainSeconds:0} s training, {result.ImagesPerSecond:0.0} images/s", result.Test, result.TestOriginal);
            reporter.Info($"checkpoint and result.json in {Path.GetFullPath(output)}");
        }
        return 0;
    }
}
