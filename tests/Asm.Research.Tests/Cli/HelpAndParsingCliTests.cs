using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Asm.Research.Cli;
using Asm.Research.Cli.Commands;
using Spectre.Console.Cli;

namespace Asm.Research.Tests.Cli;

/// <summary>The command line's parsing as a user meets it: every option documented, unknown ones refused, --set in order.</summary>
public sealed class HelpAndParsingCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-parsing-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Every command: its words, its settings, and the least it needs to get past validation (nothing runs: see the tests).</summary>
    public static readonly TheoryData<string, Type, string> Commands = new()
    {
        { "train", typeof(TrainSettings), "" },
        { "eval", typeof(EvalSettings), "--checkpoint x" },
        { "compare", typeof(CompareSettings), "" },
        { "bench", typeof(BenchSettings), "" },
        { "data", typeof(DataSettings), "" },
        { "summarize", typeof(SummarizeSettings), "--records x" },
        { "sweep list", typeof(SweepReportSettings), "x.json" },
        { "sweep run", typeof(SweepRunSettings), "x.json" },
        { "sweep slurm", typeof(SweepSlurmSettings), "x.json" },
        { "sweep k8s", typeof(SweepKubernetesSettings), "x.json --image i" },
        { "notebook run", typeof(NotebookRunSettings), "x.ipynb" },
        { "predict", typeof(PredictSettings), "--checkpoint a --input b --out c" },
        { "export", typeof(ExportSettings), "--checkpoint a --out b" },
        { "figures", typeof(FiguresSettings), "--records x" },
        { "report", typeof(ReportSettings), "--records x --out y.html" },
    };

    [Fact]
    public void The_table_lists_every_command_of_the_cli()
    {
        var settingsOfCommands = typeof(CliApp).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() is var d
                        && (d == typeof(Command<>) || d == typeof(SweepCommand<>)))
            .Select(t => t.BaseType!.GetGenericArguments()[0]).OrderBy(t => t.Name).ToList();
        Assert.Equal(settingsOfCommands, Commands.Select(row => (Type)row[1]).OrderBy(t => t.Name).ToList());
    }

    /// <summary>The flags left null until given (so --quick and --set can tell) still show their defaults, read from the config.</summary>
    [Fact]
    public void Train_help_shows_the_configs_defaults_for_the_flags_that_set_it()
    {
        var config = new Asm.Research.Configuration.ExperimentConfig();
        var quick = config.Quick();
        string help = System.Text.RegularExpressions.Regex.Replace(CliProcess.Run("train", "--help").Stdout, @"\s+", " ");
        Assert.Contains($"(training.epochs) (default: {config.Training.Epochs}; --quick: {quick.Training.Epochs})", help);
        Assert.Contains($"(data.size) (default: {config.Data.Size}; --quick: {quick.Data.Size})", help);
        Assert.Contains($"(training.batchSize) (default: {config.Training.BatchSize})", help);
        Assert.Contains($"(training.seed) (default: {config.Training.Seed})", help);
        Assert.Contains($"(training.device) (default: {config.Training.Device})", help);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_exits_0_and_documents_every_option(string command, Type settings, string _)
    {
        var help = CliProcess.Run([.. command.Split(' '), "--help"]);
        Assert.True(help.ExitCode == 0, help.Stderr);
        var options = settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Option: p.GetCustomAttribute<CommandOptionAttribute>())).Where(p => p.Option is not null).ToList();
        Assert.NotEmpty(options);
        foreach (var (property, option) in options)
        {
            string name = option!.LongNames.Count > 0 ? $"--{option.LongNames[0]}" : $"-{option.ShortNames[0]}";
            Assert.Contains(name, help.Stdout);
            string? description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
            Assert.False(string.IsNullOrWhiteSpace(description), $"{command} {name} has no help text");
            // The first words of its help text are on the option's line (later ones may wrap).
            Assert.Contains(string.Join(' ', description!.Split(' ').Take(2)), help.Stdout);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_unknown_option_exits_2_naming_it(string command, Type _, string needs)
    {
        var result = CliProcess.Run([.. command.Split(' '), .. needs.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--no-such-option"]);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("--no-such-option", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Theory]
    [InlineData(new string[0], 2)]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "-h" }, 0)]
    [InlineData(new[] { "help" }, 0)]
    [InlineData(new[] { "sweep" }, 2)]
    [InlineData(new[] { "notebook" }, 2)]
    [InlineData(new[] { "sweep", "--help" }, 0)]
    public void Help_is_printed_with_0_when_asked_for_and_2_when_no_command_is_given(string[] args, int exitCode)
    {
        var result = CliProcess.Run(args);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains("USAGE:", result.Stdout);
    }

    [Theory]
    [InlineData("--size", "abc", "expected a side N (a square) or HEIGHTxWIDTH")]
    [InlineData("--size=abc", null, "expected a side N (a square) or HEIGHTxWIDTH")]
    [InlineData("--seeds", "0,x", "'x' is not a whole number")]
    [InlineData("--methods", "bce,bce", "listed more than once")]
    [InlineData("--set", null, "needs a value")]
    public void A_bad_value_exits_2_naming_the_option_and_the_problem(string option, string? value, string problem)
    {
        var result = CliProcess.Run(value is null ? ["compare", option] : ["compare", option, value]);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains(option.Split('=')[0], result.Stderr);
        Assert.Contains(problem, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n')); // one line, no stack trace
    }

    [Fact]
    public void Repeated_set_values_are_applied_in_order_and_inline_values_read_the_same()
    {
        var settings = Assert.IsType<TrainSettings>(CliApp.Bind(
            ["train", "--set", "training.epochs=3", "--set=asm.margin=0.25", "--set", "training.epochs=5", "--size=48", "--quick"]));
        Assert.Equal(["training.epochs=3", "asm.margin=0.25", "training.epochs=5"], settings.Set);
        var config = settings.BuildConfig(settings.MethodToRun());
        Assert.Equal(5, config.Training.Epochs);
        Assert.Equal(0.25, config.Asm.Margin);
        Assert.Equal(48, config.Data.Size);
        Assert.True(settings.Quick);

        var notebook = Assert.IsType<NotebookRunSettings>(CliApp.Bind(["notebook", "run", "-p", "a=1", "nb.ipynb", "--parameter", "b=2", "-p", "a=3"]));
        Assert.Equal("nb.ipynb", notebook.Notebook);
        Assert.Equal(["a=1", "b=2", "a=3"], notebook.Parameters);
    }

    [Fact]
    public void The_later_of_two_set_values_is_the_one_a_run_trains_with()
    {
        string output = Path.Combine(_dir, "run");
        var result = CliProcess.Run(["train", "--method", "bce", "--out", output, "--json", .. CliTests.Tiny,
            "--set", "training.epochs=3", "--set", "training.epochs=1"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "checkpoint", "checkpoint.json"))).RootElement;
        Assert.Equal(1, checkpoint.GetProperty("history").GetProperty("epochs").GetArrayLength());
    }
}
