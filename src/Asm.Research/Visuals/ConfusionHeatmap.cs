using System.Globalization;
using Plotly.NET;

namespace Asm.Research.Visuals;

/// <summary>
/// A confusion matrix as a Plotly heat map, row-normalised: the cell (true t, predicted p) is the share of
/// t's pixels predicted as p, so each row sums to 1 and the diagonal is each class's accuracy. True classes run
/// down the y axis (first at the top), predicted ones along the x axis; void is not in the matrix
/// (<see cref="Metrics.Classes.ConfusionMatrix"/> skips void truth). A class with no truth pixels has an empty row.
/// </summary>
public static class ConfusionHeatmap
{
    /// <summary>
    /// Each row of <paramref name="confusion"/> (rows truth, columns prediction) divided by its sum; a row
    /// without pixels is all null (nothing to divide: the class is absent from the truth).
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not square or has negative counts.</exception>
    public static double?[][] RowShares(long[][] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        int n = confusion.Length;
        if (confusion.Any(row => row is null || row.Length != n))
            throw new ArgumentException($"A confusion matrix must be square ({n}×{n}).", nameof(confusion));
        if (confusion.Any(row => row.Any(v => v < 0)))
            throw new ArgumentException("A confusion matrix counts pixels: no negative entries.", nameof(confusion));
        return confusion.Select(row =>
        {
            long total = row.Sum();
            return row.Select(v => total == 0 ? (double?)null : (double)v / total).ToArray();
        }).ToArray();
    }

    /// <summary>The heat map of <paramref name="confusion"/> with <paramref name="classes"/> naming both axes.</summary>
    /// <exception cref="ArgumentException">The matrix is not square, or not of <paramref name="classes"/>' size.</exception>
    public static GenericChart Chart(long[][] confusion, IReadOnlyList<string> classes, string title = "Confusion (share of each true class)")
    {
        var layout = Charts.Layout(title, "predicted class", "true class");
        // First class at the top, as a matrix is read.
        Charts.SetNested(layout, "yaxis", "autorange", "reversed");
        Charts.SetNested(layout, "xaxis", "side", "bottom");
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = 50, ["l"] = 110, ["r"] = 20, ["b"] = 90 });
        return Charts.Combine([GenericChart.ofTraceObject(true, Trace(confusion, classes))], layout);
    }

    /// <summary>
    /// The heat map trace of <paramref name="confusion"/> alone (shares on the fixed scale [0, 1], each cell's share
    /// printed in it, the pixel count in its hover box), for charts that lay out several matrices.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not square, or not of <paramref name="classes"/>' size.</exception>
    public static Trace2D Trace(long[][] confusion, IReadOnlyList<string> classes)
    {
        var shares = RowShares(confusion);
        if (shares.Length != classes.Count)
            throw new ArgumentException($"The matrix is {shares.Length}×{shares.Length} for {classes.Count} class names.", nameof(classes));
        var trace = new Trace2D("heatmap");
        trace.SetProperty("z", shares);
        trace.SetProperty("x", classes.ToArray());
        trace.SetProperty("y", classes.ToArray());
        trace.SetProperty("zmin", 0.0);
        trace.SetProperty("zmax", 1.0);
        // White for 0 to dark blue for 1, spelled out: plotly's named "Blues" runs the other way (dark at 0).
        trace.SetProperty("colorscale", new object[] { new object[] { 0.0, "#f7fbff" }, new object[] { 0.5, "#6baed6" }, new object[] { 1.0, "#08306b" } });
        // The count behind each share, for the hover box: a share of 0.5 of 2 pixels is not one of 2 million.
        trace.SetProperty("customdata", confusion.Select(row => row.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray()).ToArray());
        trace.SetProperty("hovertemplate", "true %{y} → predicted %{x}: %{z:.3f} (%{customdata} pixels)<extra></extra>");
        trace.SetProperty("texttemplate", "%{z:.2f}");
        trace.SetProperty("colorbar", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = "share" } });
        return trace;
    }

    /// <summary>The heat map of a setting's confusion summed over its seeds.</summary>
    public static GenericChart Chart(ClassScoreSet setting, string? title = null) =>
        Chart(setting.Confusion(), setting.Classes,
            title ?? $"Confusion of {setting.Label}{(setting.Seeds.Count > 1 ? $" ({setting.Seeds.Count} seeds pooled)" : "")}: share of each true class predicted as each class");
}
