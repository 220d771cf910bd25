namespace Asm.Research.Visuals;

/// <summary>
/// An HTML fragment to display as it is (the kit's notebook formatter writes <see cref="Html"/>), e.g.
/// <c>display(MetricsTable.View(rows))</c>. Notebooks use it instead of the kernel's <c>HTML(…)</c>,
/// whose type drags an assembly-version warning (CS1701/CS1702) into every cell that calls it.
/// </summary>
/// <param name="Html">The fragment.</param>
public sealed record HtmlView(string Html)
{
    /// <inheritdoc />
    public override string ToString() => Html;
}
