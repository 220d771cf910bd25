using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Asm.Research.Cli.Output;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Commands;

/// <summary>
/// <c>asm data</c>: what a dataset holds before anything trains on it: where it came from, its task and splits, and
/// (multi-class) each class's pixel share at the working size beside its share at the files' own size.
/// </summary>
[Description("""
    Describes a dataset before training on it: the layout found, the task (classes, colours, void),
    the training and test images at the working size, and for multi-class data each class's share
    of the labelled pixels in each split at the working size beside the share at the files' own
    size (label maps are resized by nearest neighbour, which can thin a class a few pixels wide).
    Decodes the images as training would; trains nothing.
    """)]
public sealed class DataCommand : Command<DataSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        var reporter = new Reporter(settings.Json || settings.Markdown);
        var defaults = new ExperimentConfig();
        var config = defaults with
        {
            Data = defaults.Data with { Source = settings.Data, Size = settings.Size is null ? defaults.Data.Size : ImageSize.Parse(settings.Size, "--size") },
        };
        if (settings.Set.FirstOrDefault(s => !s.TrimStart().StartsWith("data.", StringComparison.OrdinalIgnoreCase)) is { } other)
            throw new UsageException($"--set {other}: asm data takes data.* keys only");
        config = ConfigOverrides.Apply(config, settings.Set);
        CommonOptions.Validate(config.ForData());
        var data = DataSources.Load(config.Data, new Progress<string>(reporter.Info), cancellationToken);

        // CamVid names its test split (val or test); a holdout is part of train.
        string testName = config.Data.Holdout > 0 ? "holdout"
            : Data.Catalog.DatasetCatalog.Resolve(config.Data).Name == "camvid" ? config.Data.TestSplit : "test";
        var splits = new List<(string Name, IReadOnlyList<SegmentationSample> Samples)> { ("train", data.Train), (testName, data.Test) };
        var shares = data.Task.IsBinary ? null : splits.Where(s => s.Samples.Count > 0).Select(s => (s.Name, Shares: ClassPixelShares.Of(s.Samples, data.Task))).ToList();
        var table = shares is null ? null : Table(data.Task.ClassNames, shares, config.Data.Size.Display);

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["description"] = data.Description,
                ["task"] = data.Task,
                ["size"] = config.Data.Size.Display,
                ["train"] = data.Train.Count,
                ["test"] = data.Test.Count,
                ["class_shares"] = shares?.ToDictionary(s => s.Name, s => new Dictionary<string, object>
                {
                    ["working"] = s.Shares.WorkingShares, ["original"] = s.Shares.OriginalShares,
                }),
            }, Training.RunResult.Json));
            return 0;
        }
        if (settings.Markdown)
        {
            if (table is null) throw new UsageException($"--markdown: {data.Task.Name} is a figure-ground task; the class table is for multi-class data");
            Console.Write(table.Markdown());
            return 0;
        }
        AnsiConsole.MarkupLine(Markup.Escape(TerminalText.Plain(data.Description)));
        AnsiConsole.MarkupLine(Markup.Escape(TerminalText.Plain(data.Task.IsBinary
            ? $"Task {data.Task.Name}: figure-ground (one foreground logit)"
            : $"Task {data.Task.Name}: {data.Task.ClassCount} classes ({string.Join(", ", data.Task.ClassNames)}), void ignored")));
        if (table is not null)
            ResultTable.Write(ResultTable.Cells($"Share of labelled pixels per class, at {config.Data.Size.Display} and at the files' own size",
                ["class", .. data.Task.ClassNames], Transpose(table)));
        return 0;
    }

    // Rows are classes in the Markdown table (one per class reads down the page); the terminal table wants them as columns of Cells.
    private static IReadOnlyList<IReadOnlyList<string>> Transpose(ClassTables.Table table) =>
        Enumerable.Range(1, table.Headers.Count - 1).Select(c => (IReadOnlyList<string>)[table.Headers[c], .. table.Rows.Select(r => r[c])]).ToList();

    private static ClassTables.Table Table(IReadOnlyList<string> classes, IReadOnlyList<(string Name, ClassPixelShares Shares)> splits, string size)
    {
        string[] headers = ["class", .. splits.SelectMany(s => new[] { $"{s.Name} at {size}", $"{s.Name} at own size" })];
        var rows = classes.Select((name, c) => (IReadOnlyList<string>)[name, .. splits.SelectMany(s => new[] { Percent(s.Shares.WorkingShares[c]), Percent(s.Shares.OriginalShares[c]) })]).ToList();
        return new ClassTables.Table(headers, rows);
    }

    private static string Percent(double? share) => share is { } s ? (100 * s).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "–";
}
