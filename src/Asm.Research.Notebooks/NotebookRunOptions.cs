namespace Asm.Research.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>smoke, quick or full (sets <c>ASM_NOTEBOOK_MODE</c> for the run); null keeps the environment's.</summary>
    public string? Mode { get; init; }

    /// <summary>Values for the parameters cell, name → value as typed (see <see cref="NotebookParameters"/>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Folder for the executed notebook (NAME.ipynb) and its report (NAME.html).</summary>
    public string OutputDirectory { get; init; } = "notebook-runs";

    /// <summary>Whether to write the HTML report.</summary>
    public bool Report { get; init; } = true;

    /// <summary>Whether an existing output file that the runner did not write may be replaced.</summary>
    public bool Force { get; init; }

    /// <summary>Receives one line per cell started and finished.</summary>
    public IProgress<string>? Log { get; init; }
}
