using Asm.Research.Tests.Cli;

namespace Asm.Research.Tests.Notebooks;

/// <summary>A notebook whose JSON has the wrong types is refused naming the file and the field, before any cell runs, never with a stack trace.</summary>
public sealed class MalformedNotebookTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-bad-notebook-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("""{ "nbformat": "4", "nbformat_minor": 5, "metadata": {}, "cells": [] }""", "\"nbformat\" must be a whole number")]
    [InlineData("""{ "nbformat": 4, "metadata": {}, "cells": [42] }""", "cell 1 is malformed")]
    [InlineData("""{ "nbformat": 4, "metadata": {}, "cells": [ { "cell_type": 3, "source": "" } ] }""", "\"cell_type\"")]
    [InlineData("""{ "nbformat": 4, "metadata": {}, "cells": [ { "cell_type": "code", "source": 5 } ] }""", "\"source\"")]
    [InlineData("""{ "nbformat": 4, "metadata": {}, "cells": [ { "cell_type": "code", "source": ["x", 1] } ] }""", "\"source\"")]
    [InlineData("""{ "nbformat": 4, "metadata": {}, "cells": [ { "cell_type": "code", "source": "", "metadata": { "tags": "x" } } ] }""", "\"metadata.tags\"")]
    [InlineData("""{ "nbformat": 4, "metadata": {}, "cells": [ { "cell_type": "code", "source": "", "metadata": [] } ] }""", "\"metadata\"")]
    public void Is_refused_naming_the_file_and_the_field(string json, string problem)
    {
        string notebook = Path.Combine(_dir, "bad.ipynb");
        File.WriteAllText(notebook, json);
        var result = CliProcess.Run("notebook", "run", notebook, "--out", Path.Combine(_dir, "runs"));
        CliAssert.Refused(result, notebook, problem);
        Assert.False(Directory.Exists(Path.Combine(_dir, "runs")), "nothing is written for a refused notebook");
    }
}
