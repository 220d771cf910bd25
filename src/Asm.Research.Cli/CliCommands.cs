using Asm.Research.Cli.Commands;
using Asm.Research.Cli.Help;
using Spectre.Console.Cli;

namespace Asm.Research.Cli;

/// <summary>The <c>asm</c> commands as Spectre.Console.Cli sees them, and which of them run libtorch.</summary>
internal static class CliCommands
{
    /// <summary>
    /// One top-level command (or branch): its name, whether it runs libtorch, and how it is added. A
    /// branch that runs libtorch in some sub-commands only names them in <paramref name="TorchSubcommands"/>
    /// (`sweep run` trains; `sweep list` and the script writers do not, so they skip the ISA self-check); a command
    /// that runs libtorch only with some option names it in <paramref name="TorchOptions"/> (`figures --checkpoints` predicts).
    /// </summary>
    internal sealed record Entry(string Name, bool UsesTorch, bool IsBranch, Action<IConfigurator> Add, IReadOnlyList<string>? TorchSubcommands = null,
        IReadOnlyList<string>? TorchOptions = null)
    {
        /// <summary>Whether <paramref name="args"/> (starting with this command's name) run libtorch.</summary>
        public bool RunsTorch(string[] args) =>
            UsesTorch && (TorchSubcommands is null || (args.Length > 1 && TorchSubcommands.Contains(args[1])))
            && (TorchOptions is null || args.Any(a => TorchOptions.Any(o => a == o || a.StartsWith(o + "=", StringComparison.Ordinal))));
    }

    /// <summary>Every top-level command in the order the help lists them.</summary>
    internal static readonly IReadOnlyList<Entry> All =
    [
        new("train", true, false, c => c.AddCommand<TrainCommand>("train")
            .WithExample("train", "--method", "asm+bce", "--quick").WithExample("train", "--method", "bce", "--data", "data/weizmann_horse_db", "--out", "runs/bce")
            .WithExample("train", "--method", "asm+ce", "--data", "scenes", "--size", "96x128", "--epochs", "10")),
        new("eval", true, false, c => c.AddCommand<EvalCommand>("eval").WithExample("eval", "--checkpoint", "runs/bce", "--all")),
        new("compare", true, false, c => c.AddCommand<CompareCommand>("compare")
            .WithExample("compare", "--quick").WithExample("compare", "--methods", "bce,asm", "--seeds", "0,1,2", "--out", "runs/compare")),
        new("bench", true, false, c => c.AddCommand<BenchCommand>("bench").WithExample("bench", "--methods", "bce", "--sizes", "64", "--steps", "5")),
        new("data", false, false, c => c.AddCommand<DataCommand>("data")
            .WithExample("data", "--data", "scenes", "--size", "96x128").WithExample("data", "--data", "../shared/data/camvid", "--size", "144x192", "--markdown")),
        new("summarize", false, false, c => c.AddCommand<SummarizeCommand>("summarize").WithExample("summarize", "--records", "docs/results", "--markdown")),
        new("sweep", true, true, c => c.AddBranch("sweep", sweep =>
        {
            sweep.SetDescription(SweepCommand<SweepSettings>.Description);
            sweep.AddCommand<SweepListCommand>("list").WithExample("sweep", "list", "sweep.json");
            sweep.AddCommand<SweepRunCommand>("run").WithExample("sweep", "run", "sweep.json", "--index", "0").WithExample("sweep", "run", "sweep.json", "--all");
            sweep.AddCommand<SweepSlurmCommand>("slurm").WithExample("sweep", "slurm", "sweep.json", "--cpus", "2", "--parallel", "4");
            sweep.AddCommand<SweepKubernetesCommand>("k8s").WithExample("sweep", "k8s", "sweep.json", "--image", "registry.example/asm:1");
        }), TorchSubcommands: ["run"]),
        new("notebook", false, true, c => c.AddBranch("notebook", notebook =>
        {
            notebook.SetDescription(NotebookRunCommand.BranchDescription);
            notebook.AddCommand<NotebookRunCommand>("run").WithExample("notebook", "run", "notebooks/01-data.ipynb", "--mode", "smoke", "-p", "size=64");
        })),
        new("predict", true, false, c => c.AddCommand<PredictCommand>("predict")
            .WithExample("predict", "--checkpoint", "runs/bce", "--input", "photos", "--out", "masks", "--overlay")),
        new("export", false, false, c => c.AddCommand<ExportCommand>("export").WithExample("export", "--checkpoint", "runs/bce", "--out", "predictor.pt")),
        new("figures", true, false, c => c.AddCommand<FiguresCommand>("figures").WithExample("figures", "--records", "docs/results", "--out", "docs/figures")
            .WithExample("figures", "--records", "docs/results/camvid", "--baseline", "ce", "--confusion", "ce,asm+ce", "--out", "docs/figures/camvid")
            .WithExample("figures", "--curves", "runs/camvid-pilot", "--checkpoints", "runs/camvid-pilot/ce/seed0,runs/camvid-pilot/asm+ce/seed0", "--out", "docs/figures/camvid"),
            TorchOptions: ["--checkpoints"]),
        new("report", true, false, c => c.AddCommand<ReportCommand>("report").WithExample("report", "--records", "runs/compare", "--out", "runs/compare.html")),
    ];

    /// <summary>Spectre's settings for the kit: strict parsing, the kit's help, exceptions left to <see cref="CliApp"/>.</summary>
    public static void Configure(IConfigurator config, Spectre.Console.IAnsiConsole console)
    {
        config.SetApplicationName("asm");
        // Help in English on every machine (Spectre ships translations picked by the current culture).
        config.SetApplicationCulture(System.Globalization.CultureInfo.InvariantCulture);
        config.ConfigureConsole(console);
        config.SetHelpProvider(new AsmHelpProvider(config.Settings));
        // An unknown option is an error naming it, not a silently ignored word (see StrictArguments for why not UseStrictParsing).
        config.SetInterceptor(new StrictArguments());
        // CliApp alone turns exceptions into messages and exit codes.
        config.PropagateExceptions();
        config.AddExample("compare", "--quick");
        config.AddExample("train", "--method", "asm", "--data", "data/weizmann_horse_db", "--set", "asm.margin=0.5");
        config.AddExample("train", "--method", "asm+ce", "--data", "../shared/data/camvid", "--size", "144x192");
        foreach (var entry in All) entry.Add(config);
    }
}
