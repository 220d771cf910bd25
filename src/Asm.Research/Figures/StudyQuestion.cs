using Asm.Research.Platform;
using System.Text.Json;
using System.Text.Json.Serialization;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Training;
using Asm.Research.Visuals;
using Plotly.NET;

namespace Asm.Research.Figures;

/// <summary>
/// One question of a study: a title, a control and the settings compared with it, each named by its
/// record label (<see cref="RunRecords.Read"/>: the record folder relative to the records, without
/// "-seedN", e.g. <c>bce</c> or <c>second-stage/bce</c>).
/// </summary>
/// <param name="Name">Short name, used in file names (<c>q1</c> → <c>study-q1.png</c>).</param>
/// <param name="Title">What the question asks, the chart's title.</param>
/// <param name="Control">The label the other rows are compared with (one of <paramref name="Rows"/>).</param>
/// <param name="Rows">The labels in chart and table order.</param>
public sealed record StudyQuestion(string Name, string Title, string Control, IReadOnlyList<string> Rows)
{
    /// <summary>The metrics a question's chart shows: IoU and boundary F at model resolution.</summary>
    /// <remarks>
    /// Not boundary IoU: the twelve reproduction records were scored with a disk erosion and later
    /// ones with the reference square one, so the two do not compare (docs/RESULTS.md).
    /// </remarks>
    public static IReadOnlyList<string> ChartMetrics { get; } = ["iou", "boundary_f"];

    /// <summary>The questions of a study file (a JSON list of questions; comments allowed).</summary>
    /// <exception cref="DataException">The file is missing or malformed, or a question is not well formed; the message names the file.</exception>
    public static IReadOnlyList<StudyQuestion> Load(string path)
    {
        List<StudyQuestion>? questions;
        try
        {
            questions = JsonSerializer.Deserialize<List<StudyQuestion>>(InputFile.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            throw new DataException($"{path}: not a readable study question file ({e.Message})", path);
        }
        if (questions is null || questions.Count == 0) throw new DataException($"{path}: no questions", path);
        foreach (var q in questions)
        {
            if (string.IsNullOrWhiteSpace(q.Name) || q.Name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
                throw new DataException($"{path}: question name '{q.Name}' must be letters, digits, '-' or '_'", path);
            if (q.Rows is not { Count: > 0 } || !q.Rows.Contains(q.Control))
                throw new DataException($"{path}: question {q.Name}: its rows must include its control '{q.Control}'", path);
        }
        var repeated = questions.GroupBy(q => q.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new DataException($"{path}: question name '{repeated.Key}' is used twice", path);
        return questions;
    }

    /// <summary>The question's rows that have records (mean ± sample std over seeds, with train seconds), in its order.</summary>
    public IReadOnlyList<MetricsRow> Available(IReadOnlyList<(string Label, RunResult Run)> records)
    {
        var rows = TrainingViews.Rows(records.Where(r => Rows.Contains(r.Label))).ToDictionary(r => r.Method);
        return Rows.Where(rows.ContainsKey).Select(label => rows[label]).ToList();
    }

    /// <summary>The question's rows without any record yet.</summary>
    public IReadOnlyList<string> Missing(IReadOnlyList<(string Label, RunResult Run)> records) =>
        Rows.Where(label => records.All(r => r.Label != label)).ToList();

    /// <summary>Grouped bars of <see cref="ChartMetrics"/>, one bar per row with ± one sample std, the y axis zoomed to the bars.</summary>
    public GenericChart Chart(IReadOnlyList<MetricsRow> rows)
    {
        var named = rows.Select(r => new MetricsRow($"{r.Method} ({r.Runs} seed{(r.Runs == 1 ? "" : "s")})",
            ChartMetrics.ToDictionary(Shown, m => r.Mean[m]), r.Std is { } std ? ChartMetrics.ToDictionary(Shown, m => std[m]) : null, r.Runs)).ToList();
        // Bars from zero would hide differences of a few hundredths: the axis starts just below the lowest bar.
        double low = rows.SelectMany(r => ChartMetrics.Select(m => r.Mean[m] - (r.Std?.GetValueOrDefault(m) ?? 0))).Min();
        double high = rows.SelectMany(r => ChartMetrics.Select(m => r.Mean[m] + (r.Std?.GetValueOrDefault(m) ?? 0))).Max();
        return Charts.GroupedBars(named, ChartMetrics.Select(Shown).ToList(), Title, "score (mean ± sample std over seeds)", "metric, model resolution",
            (Math.Floor((low - 0.02) * 50) / 50, Math.Ceiling((high + 0.01) * 50) / 50));
    }

    private static string Shown(string metric) => metric switch { "iou" => "IoU", "boundary_f" => "boundary F", _ => metric };

    private static readonly JsonSerializerOptions Json = ConfigJson.Strict(new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    });
}
