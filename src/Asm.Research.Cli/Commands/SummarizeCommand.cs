using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Training;
using Asm.Research.Training.Methods;
using Asm.Research.Visuals;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm summarize</c>: tabulates saved run records without retraining — the way to combine seeds
/// that ran in separate processes (e.g. one per core) into one mean ± std table.
/// </summary>
public static class SummarizeCommand
{
    public const string Help = """
        asm summarize --records DIR [--markdown] [--json]
          Reads every result.json under DIR (e.g. docs/results, or a compare --out folder) and prints
          mean ± std over seeds per setting. A setting is the record's folder relative to DIR without
          compare's "-seedN" suffix (docs/results/asm-seed1 → asm); rows in the registry's method order
          (bce, cgan, asm, asm+bce, bce+dice, bce+lovasz, aaf), then by setting. --markdown prints a Markdown table.
        """;

    public static int Run(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse("summarize", argv, new HashSet<string>(["--records"]), new HashSet<string>(["--json", "--markdown"]));
        string folder = args.Value("--records") ?? throw new UsageException("summarize: --records DIR is required");
        if (!Directory.Exists(folder))
            throw new UsageException($"--records: folder '{Path.GetFullPath(folder)}' does not exist");
        var records = RunRecords.Read(folder);
        if (records.Count == 0)
            throw new UsageException($"--records: no run records (result.json with a method and test scores) under '{Path.GetFullPath(folder)}'");

        // Baselines first, then the method (bce, cgan, asm, asm+bce), whatever the folders are called.
        var ordered = records.OrderBy(r => MethodRank(r.Run.Method)).ThenBy(r => r.Label, StringComparer.Ordinal);
        var summary = ComparisonSummary.ByLabel(ordered);
        if (args.Flag("--json"))
        {
            var record = new Dictionary<string, object>
            {
                ["runs"] = records.Count,
                ["summary"] = summary.ToDictionary(s => s.Label, s => s.Values),
                ["seeds"] = summary.ToDictionary(s => s.Label, s => s.Runs),
            };
            Console.WriteLine(JsonSerializer.Serialize(record, RunResult.Json));
        }
        else if (args.Flag("--markdown"))
            Console.Write(ResultTable.Markdown(summary));
        else
            ResultTable.Summary(summary.ToDictionary(s => s.Label, s => s.Values), summary.Max(s => s.Runs));
        return 0;
    }

    private static int MethodRank(string method) => MethodRegistry.Rank(method);
}
