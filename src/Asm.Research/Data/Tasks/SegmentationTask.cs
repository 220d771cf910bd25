using System.Text.Json.Serialization;

namespace Asm.Research.Data.Tasks;

/// <summary>
/// What is segmented (DESIGN.md, "Semantic segmentation"): the classes with their names and colours,
/// the void label (or none) and the output kind. It belongs to the dataset and is recorded in every
/// config, checkpoint and result; models, losses, metrics, inference and visuals read it.
/// <para>Inside the kit, label maps hold class indices 0…C−1 and <see cref="VoidLabel"/> (255) for void,
/// whatever value the dataset's files use for void (<see cref="VoidIndex"/>, e.g. CamVid's 11); a binary
/// task's maps hold 0 and 1 and have no void.</para>
/// </summary>
public sealed record SegmentationTask
{
    /// <summary>The value void pixels carry in the kit's label maps (samples, batches, metrics).</summary>
    public const byte VoidLabel = 255;

    /// <summary>The most classes a task may have (label maps are bytes and 255 is void).</summary>
    public const int MaxClasses = 254;

    /// <summary>A short name, e.g. "figure-ground" or "camvid".</summary>
    public string Name { get; init; } = "figure-ground";

    /// <summary>The classes, index order. A binary task has two: background and foreground.</summary>
    public SegmentationClass[] Classes { get; init; } = [new("background", "#000000"), new("foreground", "#FFFFFF")];

    /// <summary>The value void has in the dataset's own mask files (CamVid: 11), or null when there is no void.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? VoidIndex { get; init; }

    /// <summary>How S's logits become a prediction.</summary>
    public OutputKind Kind { get; init; } = OutputKind.BinarySigmoid;

    /// <summary>
    /// Pairs of co-occurring classes (by name) whose mutual confusion the metrics report (DESIGN.md, "contextual
    /// confusion"), e.g. CamVid's road ↔ pavement; empty for none.
    /// </summary>
    public string[][] ConfusionPairs { get; init; } = [];

    /// <summary>Figure-ground segmentation: background and foreground, one sigmoid channel, no void (the Weizmann horses).</summary>
    public static SegmentationTask FigureGround { get; } = new();

    /// <summary>C, the number of classes (2 for a binary task).</summary>
    [JsonIgnore] public int ClassCount => Classes.Length;

    /// <summary>The kind as a flag, for matching against what methods, losses and scores support.</summary>
    [JsonIgnore] public TaskKinds TaskKind => IsBinary ? TaskKinds.Binary : TaskKinds.MultiClass;

    /// <summary>True for figure-ground (one sigmoid channel).</summary>
    [JsonIgnore] public bool IsBinary => Kind == OutputKind.BinarySigmoid;

    /// <summary>S's logit channels and the analyzer's label channels: 1 for a binary task, C otherwise.</summary>
    [JsonIgnore] public int Channels => IsBinary ? 1 : ClassCount;

    /// <summary>True when the task has a void label.</summary>
    [JsonIgnore] public bool HasVoid => VoidIndex is not null;

    /// <summary>The class names, index order.</summary>
    [JsonIgnore] public IReadOnlyList<string> ClassNames => Classes.Select(c => c.Name).ToList();

    /// <summary>A C-way softmax task.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 or more than <see cref="MaxClasses"/> classes, duplicate names, or a bad colour.</exception>
    public static SegmentationTask MultiClass(string name, IReadOnlyList<SegmentationClass> classes, int? voidIndex, IReadOnlyList<(string A, string B)>? confusionPairs = null)
    {
        var task = new SegmentationTask
        {
            Name = name, Classes = [.. classes], VoidIndex = voidIndex, Kind = OutputKind.Softmax,
            ConfusionPairs = (confusionPairs ?? []).Select(p => new[] { p.A, p.B }).ToArray(),
        };
        task.Check();
        return task;
    }

    /// <summary>Throws unless the task is usable.</summary>
    /// <exception cref="ArgumentException">Names the problem.</exception>
    public void Check()
    {
        if (Classes is null || Classes.Length < 2)
            throw new ArgumentException($"task {Name}: needs at least 2 classes (got {Classes?.Length ?? 0})");
        if (Classes.Length > MaxClasses)
            throw new ArgumentException($"task {Name}: at most {MaxClasses} classes (got {Classes.Length})");
        if (IsBinary && (Classes.Length != 2 || VoidIndex is not null))
            throw new ArgumentException($"task {Name}: a binary task has exactly 2 classes and no void");
        var duplicate = Classes.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"task {Name}: the class name '{duplicate.Key}' is used twice");
        foreach (var c in Classes)
        {
            if (string.IsNullOrWhiteSpace(c.Name)) throw new ArgumentException($"task {Name}: a class has no name");
            try { c.Rgb(); }
            catch (FormatException e) { throw new ArgumentException($"task {Name}: class {c.Name}: {e.Message}"); }
        }
        foreach (var pair in ConfusionPairs ?? [])
            if (pair is not { Length: 2 } || pair.Any(n => !Classes.Any(c => c.Name == n)))
                throw new ArgumentException($"task {Name}: a confusion pair must name two of its classes; got [{string.Join(", ", pair ?? [])}]");
        if (VoidIndex is { } v && (v is < 0 or > 255 || (v < Classes.Length)))
            throw new ArgumentException($"task {Name}: the void index {v} must lie from {Classes.Length} (after the classes) to 255");
    }

    /// <summary>One line, e.g. "camvid: 11 classes (Sky, Building, …), void 11, softmax".</summary>
    public string Describe() => IsBinary
        ? $"{Name}: binary (background / foreground), sigmoid"
        : $"{Name}: {ClassCount} classes ({string.Join(", ", ClassNames)}){(VoidIndex is { } v ? $", void = {v}" : ", no void")}, softmax";

    /// <summary>Whether two tasks describe the same label space (names, colours, void, kind).</summary>
    public bool SameAs(SegmentationTask other) =>
        other is not null && Kind == other.Kind && VoidIndex == other.VoidIndex && Classes.SequenceEqual(other.Classes);

    /// <summary>The <see cref="ConfusionPairs"/> as class indices.</summary>
    public IReadOnlyList<(int A, int B)> ConfusionPairIndices() =>
        (ConfusionPairs ?? []).Select(p => (Array.FindIndex(Classes, c => c.Name == p[0]), Array.FindIndex(Classes, c => c.Name == p[1])))
            .Where(p => p.Item1 >= 0 && p.Item2 >= 0).ToList();
}
