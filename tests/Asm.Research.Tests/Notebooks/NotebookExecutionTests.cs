using System.Text.Json.Nodes;

namespace Asm.Research.Tests.Notebooks;

/// <summary>
/// Runs every notebook in notebooks/ headless (<c>asm notebook run --mode smoke</c>) and fails on
/// any cell error, naming the notebook and cell; then checks the outputs each notebook promises, that
/// every live view was saved in its final state, and that no compiler warning reached an output.
/// </summary>
[Trait("Category", "Notebooks")]
public sealed class NotebookExecutionTests
{
    // Read once, before Expectations (static fields initialise in text order), which uses it twice.
    private static readonly int StudyQuestionsWithRecords = CountStudyQuestionsWithRecords();

    /// <summary>
    /// What each notebook must show (at least this many outputs of each kind: distinct charts, PNG image outputs,
    /// metrics tables, cells whose progress line ends finished). Add a line per new notebook.
    /// </summary>
    private static readonly Dictionary<string, NotebookExpectation> Expectations = new()
    {
        // The data grid and the augmentation strip; foreground-ratio and aspect-ratio histograms.
        ["01-data.ipynb"] = new(Charts: 2, Pngs: 2, MetricsTables: 0),
        // Live progress; loss chart (redrawn per epoch), per-image IoU histogram; predictions and worst predictions
        // with error maps; test metrics.
        ["02-bce-baseline.ipynb"] = new(Charts: 2, Pngs: 2, MetricsTables: 1, LiveProgress: 1),
        // A-alone reconstruction loss, live ASM losses, grouped bars, test IoU per epoch; two reconstruction galleries,
        // the methods side by side, two close-ups; BCE vs ASM vs ASM+BCE metrics; live progress of the ASM run and of
        // the two other runs.
        ["03-asm-training.ipynb"] = new(Charts: 4, Pngs: 5, MetricsTables: 1, LiveProgress: 2),
        // The grid trained inline (grouped bars, training time bars, metrics table, live progress); from docs/results'
        // records, a table and bars per study question that has any, and the headline methods' per-epoch test IoU.
        ["04-ablations.ipynb"] = new(Charts: 2 + (StudyQuestionsWithRecords > 0 ? StudyQuestionsWithRecords + 1 : 0), Pngs: 0,
            MetricsTables: 1 + StudyQuestionsWithRecords, LiveProgress: 1),
        // Live ASM losses, per-layer mean distances; early/final predictions, two feature grids (y, p, n), distance maps.
        ["05-analyzer-features.ipynb"] = new(Charts: 2, Pngs: 4, MetricsTables: 0, LiveProgress: 1),
        // Whether or not study records exist: the two inline runs' loss charts, score bars, mIoU per epoch, IoU and
        // boundary F per class, two confusion heat maps; training images, the methods side by side, the worst image,
        // A's input planes, feature grid and distance maps; the scores and confusion-pair tables; one training cell.
        ["06-semantic-segmentation.ipynb"] = new(Charts: 8, Pngs: 6, MetricsTables: 2, LiveProgress: 1),
    };

    /// <summary>
    /// Parameters that <c>asm notebook run</c> passes to a notebook here (the Jupyter route runs its defaults), with what
    /// the notebook must show in addition then.
    /// </summary>
    private static readonly Dictionary<string, (string[] Parameters, NotebookExpectation Adds)> Parameterised = new()
    {
        // Notebook 06 on a fixture study (ce and asm+ce with seeds 0 and 1, ce+lovasz with seed 0, a pilot): score bars,
        // the seed-0 mIoU per epoch, IoU and boundary F per class, three heat maps, the pilot's curves; the scores,
        // per-class IoU and confusion-pair tables; and it says which rows and seeds are there and which are not.
        ["06-semantic-segmentation.ipynb"] = ([$"recordsFolder={Path.Combine(RepoPaths.Fixtures, "study-records")}", $"pilotFolder={Path.Combine(RepoPaths.Fixtures, "study-records", "pilot")}"],
            new(Charts: 8, Pngs: 0, MetricsTables: 3, Says: ["asm+ce: seeds 0, 1", "ce+lovasz: seed 0", "ce_weighted: no records yet", "pilot/ce"])),
    };

    private static int CountStudyQuestionsWithRecords()
    {
        var records = Asm.Research.Visuals.RunRecords.Read(Path.Combine(RepoPaths.Root, "docs", "results"));
        return Asm.Research.Figures.StudyQuestion.Load(Path.Combine(RepoPaths.Root, "docs", "study", "questions.json"))
            .Count(q => q.Available(records).Count > 0);
    }

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_without_errors_and_shows_its_outputs(string notebook)
    {
        var expected = ExpectationFor(notebook);
        string[] parameters = [];
        if (Parameterised.TryGetValue(notebook, out var given)) (parameters, expected) = (given.Parameters, expected.Plus(given.Adds));
        var run = RunChecked(Path.Combine(RepoPaths.Notebooks, notebook), parameters);
        expected.AssertMetBy(run);
    }

    /// <summary>What <paramref name="notebook"/> must show, whichever client ran it; fails when nobody said.</summary>
    internal static NotebookExpectation ExpectationFor(string notebook)
    {
        Assert.True(Expectations.TryGetValue(notebook, out var expected),
            $"{notebook} has no expectation in {nameof(NotebookExecutionTests)}.{nameof(Expectations)}: say what it must show.");
        return expected!;
    }

    [Fact]
    public void Fixture_using_only_visuals_runs_and_shows_chart_image_and_table()
    {
        var run = RunChecked(Path.Combine(RepoPaths.Fixtures, "visuals-smoke.ipynb"));
        new NotebookExpectation(Charts: 2, Pngs: 3, MetricsTables: 1, LiveProgress: 1).AssertMetBy(run);
    }

    /// <summary>The Trainer reports an epoch's last step before evaluating it; the finished line must show that evaluation.</summary>
    [Fact]
    public void Finished_progress_line_carries_the_last_epochs_test_score()
    {
        var run = RunChecked(Path.Combine(RepoPaths.Fixtures, "live-training.ipynb"));
        new NotebookExpectation(Charts: 0, Pngs: 0, MetricsTables: 0, LiveProgress: 1).AssertMetBy(run);
        var cells = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run.OutputPath))!["cells"]!.AsArray();
        string outputs = string.Concat(cells.SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .SelectMany(o => o!["data"]?["text/html"]?.AsArray() ?? []).Select(line => line!.GetValue<string>()));
        Assert.Contains("epoch 2/2 &#183; test IoU 0.750", outputs);
        Assert.DoesNotContain("test IoU 0.250", outputs);
    }

    [Fact]
    public void Failing_cell_is_reported_with_notebook_name_and_cell_index()
    {
        Prepare();
        var run = NotebookRun.Execute(Path.Combine(RepoPaths.Fixtures, "deliberate-failure.ipynb"));
        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal(3, error.Cell);
        Assert.Contains("deliberate failure for the harness test", error.Message);
        // The runner's own message names the notebook, the cell and the error; the cell after it did not run.
        Assert.Contains("asm: deliberate-failure.ipynb cell 3: ", run.StdErr);
        Assert.Contains("deliberate failure for the harness test", run.StdErr);
        var last = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run.OutputPath))!["cells"]!.AsArray()[^1]!;
        Assert.Empty(last["outputs"]!.AsArray());
        Assert.Null(last["execution_count"]);
        Assert.Contains("stopped at cell 3", File.ReadAllText(run.ReportPath));
    }

    private static NotebookRun RunChecked(string path, IReadOnlyList<string>? parameters = null)
    {
        Prepare();
        var run = NotebookRun.Execute(path, parameters: parameters);
        Assert.True(run.Errors.Count == 0 && run.ExitCode == 0, run.Describe());
        return run;
    }

    /// <summary>The kit must exist: the test project references the library, whose build lays it out.</summary>
    internal static void Prepare()
    {
        string kitDll = Path.Combine(RepoPaths.Kit, "Asm.Research.dll");
        Assert.True(File.Exists(kitDll), $"{kitDll} is missing: build the library (dotnet build src/Asm.Research) to lay out the notebook kit.");
        var built = new FileInfo(typeof(Asm.Research.Platform.NotebookHost).Assembly.Location);
        Assert.True(new FileInfo(kitDll).Length == built.Length,
            $"{kitDll} differs from the library this test was built with ({built.FullName}): rebuild to refresh the kit.");
    }
}

/// <summary>
/// The least a notebook run must show: distinct charts, PNG image outputs, metrics tables and cells whose progress line
/// ends finished, and texts its outputs must hold (<paramref name="Says"/>); and what it must not: a progress line saved
/// unfinished, a compiler warning.
/// </summary>
public sealed record NotebookExpectation(int Charts, int Pngs, int MetricsTables, int LiveProgress = 0, IReadOnlyList<string>? Says = null)
{
    /// <summary>This expectation and <paramref name="more"/> together: the counts added, the texts of both.</summary>
    public NotebookExpectation Plus(NotebookExpectation more) => new(Charts + more.Charts, Pngs + more.Pngs,
        MetricsTables + more.MetricsTables, LiveProgress + more.LiveProgress, [.. Says ?? [], .. more.Says ?? []]);

    public void AssertMetBy(NotebookRun run)
    {
        if (Says is { Count: > 0 })
        {
            string outputs = OutputText(run.OutputPath);
            foreach (string text in Says)
                Assert.True(outputs.Contains(text, StringComparison.Ordinal), $"{run.Notebook}: no output says \"{text}\". {run.OutputPath}");
        }
        Assert.True(run.UnfinishedProgress.Count == 0, $"{run.Notebook}: progress saved unfinished: {string.Join("; ", run.UnfinishedProgress)}. {run.OutputPath}");
        Assert.True(run.Warnings.Count == 0, $"{run.Notebook}: compiler warnings in the outputs: {string.Join("; ", run.Warnings)}. {run.OutputPath}");
        Assert.True(run.FinishedProgressCells >= LiveProgress, $"{run.Notebook}: {run.FinishedProgressCells} cells whose progress line ends finished, expected at least {LiveProgress}. {run.OutputPath}");
        Assert.True(run.ChartOutputs >= Charts, $"{run.Notebook}: {run.ChartOutputs} Plotly chart outputs, expected at least {Charts}. {run.OutputPath}");
        Assert.True(run.PngOutputs >= Pngs, $"{run.Notebook}: {run.PngOutputs} PNG image outputs, expected at least {Pngs}. {run.OutputPath}");
        Assert.True(run.MetricsTables >= MetricsTables, $"{run.Notebook}: {run.MetricsTables} metrics tables, expected at least {MetricsTables}. {run.OutputPath}");
    }

    // The text of every output (streams, HTML and plain text) of an executed notebook; nbformat keeps each as a string or a list of lines.
    private static string OutputText(string notebookPath)
    {
        static IEnumerable<string> Lines(JsonNode? node) => node switch
        {
            null => [],
            JsonArray lines => lines.Select(line => line!.GetValue<string>()),
            _ => [node.GetValue<string>()],
        };
        var cells = JsonNode.Parse(File.ReadAllText(notebookPath))!["cells"]!.AsArray();
        return string.Concat(cells.SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .SelectMany(o => Lines(o!["text"]).Concat(Lines(o["data"]?["text/html"])).Concat(Lines(o["data"]?["text/plain"]))));
    }
}
