namespace Asm.Research.Notebooks;

/// <summary>A failed cell: its position in the executed notebook (1-based, injected cell counted) and the error.</summary>
/// <param name="Cell">1-based position among all cells of the executed notebook.</param>
/// <param name="Name">The exception's type name, or "Error".</param>
/// <param name="Message">What the kernel said.</param>
public sealed record NotebookCellError(int Cell, string Name, string Message);

/// <summary>What a notebook run did and where it wrote.</summary>
/// <param name="Notebook">The notebook's file name.</param>
/// <param name="OutputNotebook">The executed .ipynb.</param>
/// <param name="Report">The HTML report, or null when not written.</param>
/// <param name="CellsRun">Code cells executed (the failing one included).</param>
/// <param name="Error">The first failing cell (execution stops there), or null.</param>
/// <param name="Warnings">Compiler warnings, "cell N: CSxxxx: message".</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record NotebookRunResult(string Notebook, string OutputNotebook, string? Report, int CellsRun,
                                       NotebookCellError? Error, IReadOnlyList<string> Warnings, TimeSpan Elapsed)
{
    /// <summary>True when every cell ran.</summary>
    public bool Succeeded => Error is null;

    /// <summary>"NB.ipynb cell N: Name: message", or null.</summary>
    public string? Describe() => Error is null ? null : $"{Notebook} cell {Error.Cell}: {Error.Name}: {Error.Message}";
}
