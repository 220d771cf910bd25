using System.Text.Json;
using System.Text.Json.Nodes;
using Asm.Research.Platform;
using Asm.Research.Reports;

namespace Asm.Research.Notebooks;

/// <summary>
/// Checks the files a run will write before it starts: none may be the source notebook (compared with
/// links resolved, so a link to its folder counts), a link, or a file the runner did not write (unless forced).
/// </summary>
public static class NotebookOutputs
{
    /// <summary>Throws when writing any of <paramref name="outputs"/> could lose something of the user's.</summary>
    /// <exception cref="NotebookException">An output is the source notebook, or a file the runner did not write and <paramref name="force"/> is false.</exception>
    /// <exception cref="Training.Output.OutputFolderException">An output is a symbolic link.</exception>
    public static void Check(string source, IReadOnlyList<string> outputs, bool force)
    {
        string sourceReal = RealPath.Of(source);
        foreach (string output in outputs)
        {
            if (string.Equals(RealPath.Of(output), sourceReal, StringComparison.Ordinal))
                throw new NotebookException($"--out {Path.GetDirectoryName(output)}: the executed notebook would overwrite {source}; choose another folder");
            AtomicFile.RefuseLink(output);
            if (!force && File.Exists(output) && !WrittenByRunner(output))
                throw new NotebookException($"--out: {output} exists and is not an output of asm notebook run; nothing was changed " +
                                            "(choose another folder, or pass --force to replace it)");
        }
    }

    // An executed notebook records where the runner wrote it and in which mode; a report ends with the kit's footer.
    private static bool WrittenByRunner(string file)
    {
        if (Path.GetExtension(file).Equals(".html", StringComparison.OrdinalIgnoreCase))
            return File.ReadAllText(file).Contains(HtmlReport.Signature, StringComparison.Ordinal);
        try
        {
            var metadata = JsonNode.Parse(File.ReadAllText(file))?["metadata"];
            return metadata?["papermill"]?["output_path"] is not null && metadata["asm"]?["mode"] is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
