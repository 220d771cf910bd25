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

    /// <summary>
    /// The examples each command's help shows, by command path ("train", "sweep run"), in one table so a test can run
    /// every one of them (an example that fails is worse than none).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<string[]>> Examples = new Dictionary<string, IReadOnlyList<string[]>>
    {
        ["train"] = [["train", "--method", "asm+bce", "--quick"], ["train", "--method", "bce", "--data", "data/weizmann_horse_db", "--out", "runs/bce"],
                     ["train", "--method", "asm+ce", "--data", "scenes", "--size", "96x128", "--epochs", "10"]],
        ["eval"] = [["eval", "--checkpoint", "runs/bce", "--all"]],
        ["compare"] = [["compare", "--quick"], ["compare", "--methods", "bce,asm", "--seeds", "0,1,2", "--out", "runs/compare"]],
        ["bench"] = [["bench", "--methods", "bce", "--sizes", "64", "--steps", "5"]],
        ["data"] = [["data", "--data", "scenes", "--size", "96x128"], ["data", "--data", "../shared/data/camvid", "--size", "144x192", "--markdown"]],
        ["summarize"] = [["summarize", "--records", "docs/results", "--markdown"]],
        ["sweep list"] = [["sweep", "list", "sweep.json"]],
        ["sweep run"] = [["sweep", "run", "sweep.json", "--index", "0"], ["sweep", "run", "sweep.json", "--all"]],
        ["sweep slurm"] = [["sweep", "slurm", "sweep.json", "--cpus", "2", "--parallel", "4"]],
        ["sweep k8s"] = [["sweep", "k8s", "sweep.json", "--image", "registry.example/asm:1"]],
        ["notebook run"] = [["notebook", "run", "notebooks/01-data.ipynb", "--mode", "smoke", "-p", "shown=6"]],
        ["predict"] = [["predict", "--checkpoint", "runs/bce", "--input", "photos", "--out", "masks", "--overlay"]],
        ["export"] = [["export", "--checkpoint", "runs/bce", "--out", "predictor.pt"]],
        ["figures"] = [["figures", "--records", "docs/results", "--out", "docs/figures"],
                       ["figures", "--records", "docs/results/camvid", "--baseline", "ce", "--confusion", "ce,asm+ce", "--out", "docs/figures/camvid"],
                       ["figures", "--curves", "runs/camvid-pilot", "--checkpoints", "runs/camvid-pilot/ce/seed0,runs/camvid-pilot/asm+ce/seed0", "--out", "docs/figures/camvid"]],
        ["report"] = [["report", "--records", "runs/compare", "--out", "runs/compare.html"]],
    };

    /// <summary>Every top-level command in the order the help lists them.</summary>
    internal static readonly IReadOnlyList<Entry> All =
    [
        new("train", true, false, c => c.AddCommand<TrainCommand>("train").WithExamples("train")),
        new("eval", true, false, c => c.AddCommand<EvalCommand>("eval").WithExamples("eval")),
        new("compare", true, false, c => c.AddCommand<CompareCommand>("compare").WithExamples("compare")),
        new("bench", true, false, c => c.AddCommand<BenchCommand>("bench").WithExamples("bench")),
        new("data", false, false, c => c.AddCommand<DataCommand>("data").WithExamples("data")),
        new("summarize", false, false, c => c.AddCommand<SummarizeCommand>("summarize").WithExamples("summarize")),
        new("sweep", true, true, c => c.AddBranch("sweep", sweep =>
        {
            sweep.SetDescription(SweepCommand<SweepSettings>.Description);
            sweep.AddCommand<SweepListCommand>("list").WithExamples("sweep list");
            sweep.AddCommand<SweepRunCommand>("run").WithExamples("sweep run");
            sweep.AddCommand<SweepSlurmCommand>("slurm").WithExamples("sweep slurm");
            sweep.AddCommand<SweepKubernetesCommand>("k8s").WithExamples("sweep k8s");
        }), TorchSubcommands: ["run"]),
        new("notebook", false, true, c => c.AddBranch("notebook", notebook =>
        {
            notebook.SetDescription(NotebookRunCommand.BranchDescription);
            notebook.AddCommand<NotebookRunCommand>("run").WithExamples("notebook run");
        })),
        new("predict", true, false, c => c.AddCommand<PredictCommand>("predict").WithExamples("predict")),
        new("export", false, false, c => c.AddCommand<ExportCommand>("export").WithExamples("export")),
        new("figures", true, false, c => c.AddCommand<FiguresCommand>("figures").WithExamples("figures"), TorchOptions: ["--checkpoints"]),
        new("report", true, false, c => c.AddCommand<ReportCommand>("report").WithExamples("report")),
    ];

    private static ICommandConfigurator WithExamples(this ICommandConfigurator command, string path)
    {
        foreach (var example in Examples[path]) command.WithExample(example);
        return command;
    }

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
