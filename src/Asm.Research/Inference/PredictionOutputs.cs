namespace Asm.Research.Inference;

/// <summary>Where <c>asm predict</c> writes each input's mask (or class labels and their colours) and overlay.</summary>
/// <param name="Input">The image file.</param>
/// <param name="Mask">Its mask PNG, <c>OUT/&lt;stem&gt;_mask.png</c>; multi-class: its class-index PNG, <c>OUT/&lt;stem&gt;_labels.png</c>.</param>
/// <param name="Overlay">Its overlay PNG (<c>OUT/&lt;stem&gt;_overlay.png</c>), or null when none is wanted.</param>
/// <param name="Colour">Multi-class: the labels in the class colours, <c>OUT/&lt;stem&gt;_colour.png</c>; null for a binary task.</param>
public sealed record PredictionOutputs(string Input, string Mask, string? Overlay, string? Colour = null)
{
    /// <summary>The files written for each input, in input order.</summary>
    /// <exception cref="ArgumentException">Two inputs share a file stem (e.g. a.jpg and a.png), so their outputs would collide.</exception>
    public static IReadOnlyList<PredictionOutputs> Plan(IReadOnlyList<string> inputs, string outputDirectory, bool overlay, bool classes = false)
    {
        var byStem = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var plan = new List<PredictionOutputs>(inputs.Count);
        foreach (var input in inputs)
        {
            string stem = Path.GetFileNameWithoutExtension(input);
            if (!byStem.TryAdd(stem, input))
                throw new ArgumentException($"{byStem[stem]} and {input} share the name '{stem}', so their masks would overwrite each other; rename one.");
            plan.Add(new PredictionOutputs(input, Path.Combine(outputDirectory, classes ? $"{stem}_labels.png" : $"{stem}_mask.png"),
                overlay ? Path.Combine(outputDirectory, $"{stem}_overlay.png") : null,
                classes ? Path.Combine(outputDirectory, $"{stem}_colour.png") : null));
        }
        return plan;
    }

    /// <summary>Every file planned for this input.</summary>
    public IEnumerable<string> Files() => new[] { Mask, Overlay, Colour }.OfType<string>();

    /// <summary>The planned files that already exist.</summary>
    public IEnumerable<string> Existing() => Files().Where(File.Exists);
}
